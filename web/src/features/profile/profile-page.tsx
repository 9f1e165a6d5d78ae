import { type ReactNode, useState } from 'react';
import { type MvpProfile, updateMvpProfileBody } from '#api/mvp/mvp.schemas.ts';
import { CompanyField, NameField, TestSetupFields } from '../../lib/account-fields.tsx';
import { InputField, Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { splitCommas } from '../../lib/list-text.ts';
import { LoadState } from '../../lib/page-state.tsx';
import { GithubAccountPanel } from './github-account-panel.tsx';
import { useProfile, useUpdateProfile } from './profile-api.ts';

/** An MVP's own details, and the handle under which engineering knows them; `children` follow (the router adds panels). */
export function ProfilePage(props: { children?: ReactNode }) {
  const profile = useProfile();
  return (
    <main>
      <h1>Your profile</h1>
      <LoadState query={profile} />
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
  const set = (key: keyof typeof values) => (value: string) => {
    update.reset();
    setValues((current) => ({ ...current, [key]: value }));
  };

  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">About you</h2>
      <SchemaForm
        form={form}
        onSubmit={form.onSubmit(() => ({
          ...values,
          platforms: splitCommas(values.platforms),
          devices: splitCommas(values.devices),
        }))}
        submitLabel="Save profile"
        intro={update.isSuccess ? <Notice tone="success">Profile saved.</Notice> : null}
      >
        <p>
          You sign in as <strong>{profile.email}</strong>.
        </p>
        <NameField value={values.name} onChange={set('name')} error={form.fieldErrors.name} />
        <CompanyField value={values.company} onChange={set('company')} error={form.fieldErrors.company} />
        <InputField
          label="Public handle"
          name="handle"
          error={form.fieldErrors.handle}
          hint="Engineering sees this handle instead of your name on the bugs you report. 3 to 32 letters, digits, “-” or “_”."
          autoComplete="off"
          spellCheck={false}
          value={values.handle}
          onChange={set('handle')}
        />
        <TestSetupFields platforms={values.platforms} devices={values.devices} set={set} errors={form.fieldErrors} />
      </SchemaForm>
    </section>
  );
}
