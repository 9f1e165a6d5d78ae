import { type ReactNode, useState } from 'react';
import { type MvpProfile, updateMvpProfileBody } from '#api/mvp/mvp.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { Field, FormAlert, Notice, useSchemaForm } from '../../lib/form.tsx';
import { listFieldError, splitCommas } from '../../lib/list-text.ts';
import { GithubAccountPanel } from './github-account-panel.tsx';
import { useProfile, useUpdateProfile } from './profile-api.ts';

/** An MVP's own details, and the handle under which engineering knows them; `children` follow (the router adds panels). */
export function ProfilePage(props: { children?: ReactNode }) {
  const profile = useProfile();
  return (
    <main>
      <h1>Your profile</h1>
      {profile.isPending ? <p role="status">Loading…</p> : null}
      <FormAlert message={profile.error ? errorMessage(profile.error) : null} />
      {profile.data ? <ProfileForm profile={profile.data} /> : null}
      {profile.data ? <GithubAccountPanel /> : null}
      {props.children}
    </main>
  );
}

function ProfileForm(props: { profile: MvpProfile }) {
  const { profile } = props;
  const [values, setValues] = useState({
    name: profile.name,
    company: profile.company,
    handle: profile.handle,
    platforms: profile.platforms.join(', '),
    devices: profile.devices.join(', '),
  });
  const update = useUpdateProfile();
  const form = useSchemaForm(updateMvpProfileBody, update);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => {
    update.reset();
    setValues((current) => ({ ...current, [key]: event.target.value }));
  };

  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">About you</h2>
      <form
        className="stack"
        onBlur={form.checkOnBlur}
        onSubmit={form.onSubmit(() => ({
          ...values,
          platforms: splitCommas(values.platforms),
          devices: splitCommas(values.devices),
        }))}
        noValidate
      >
        {update.isSuccess ? <Notice tone="success">Profile saved.</Notice> : null}
        <FormAlert message={form.formError} />
        <p>
          You sign in as <strong>{profile.email}</strong>.
        </p>
        <Field label="Name" name="name" error={form.fieldErrors.name}>
          {(attributes) => <input {...attributes} autoComplete="name" value={values.name} onChange={set('name')} />}
        </Field>
        <Field label="Company" name="company" error={form.fieldErrors.company}>
          {(attributes) => (
            <input {...attributes} autoComplete="organization" value={values.company} onChange={set('company')} />
          )}
        </Field>
        <Field
          label="Public handle"
          name="handle"
          error={form.fieldErrors.handle}
          hint="Engineering sees this handle instead of your name on the bugs you report. 3 to 32 letters, digits, “-” or “_”."
        >
          {(attributes) => (
            <input
              {...attributes}
              autoComplete="off"
              spellCheck={false}
              value={values.handle}
              onChange={set('handle')}
            />
          )}
        </Field>
        <Field
          label="Platforms"
          name="platforms"
          error={listFieldError(form.fieldErrors, 'platforms', splitCommas(values.platforms))}
          hint="What you test on, separated by commas, e.g. Windows 11, macOS 15."
        >
          {(attributes) => <input {...attributes} value={values.platforms} onChange={set('platforms')} />}
        </Field>
        <Field
          label="Devices"
          name="devices"
          error={listFieldError(form.fieldErrors, 'devices', splitCommas(values.devices))}
          hint="Separated by commas, e.g. Surface Pro 9, iPhone 15."
        >
          {(attributes) => <input {...attributes} value={values.devices} onChange={set('devices')} />}
        </Field>
        <button type="submit" disabled={form.pending}>
          Save profile
        </button>
      </form>
    </section>
  );
}
