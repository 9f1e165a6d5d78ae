import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { changePasswordBody } from '#api/account/account.schemas.ts';
import { api, errorMessage, unwrap } from '../../lib/api-client.ts';
import { FormAlert, InputField, Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { roleNames, useEndSession, useSignedInUser } from '../../lib/session.ts';

const emptyPasswords = { currentPassword: '', newPassword: '' };

/** The signed-in person's own account; `children` come before the sessions (the router adds panels). */
export function AccountPage(props: { children?: ReactNode }) {
  const user = useSignedInUser();
  const endSession = useEndSession();
  const [values, setValues] = useState(emptyPasswords);
  const changePassword = useMutation({
    mutationFn: (json: typeof emptyPasswords) => unwrap(api.account.password.$post({ json })),
    onSuccess: () => setValues(emptyPasswords),
  });
  const form = useSchemaForm(changePasswordBody, changePassword);
  const signOutEverywhere = useMutation({
    mutationFn: () => unwrap(api.auth['sign-out-everywhere'].$post()),
    onSuccess: () => endSession('You have been signed out on every device, this one included.'),
  });

  return (
    <main>
      <h1>Account settings</h1>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Your details</h2>
        <dl className="details">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>E-mail</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{roleNames[user.role]}</dd>
        </dl>
        <p className="hint">Only a program lead can change your role.</p>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <SchemaForm
          form={form}
          onSubmit={form.onSubmit(() => values)}
          submitLabel="Change password"
          intro={
            changePassword.isSuccess ? (
              <Notice tone="success">Password changed. Your other sessions have been signed out.</Notice>
            ) : null
          }
        >
          <InputField
            label="Current password"
            name="currentPassword"
            error={form.fieldErrors.currentPassword}
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(value) => setValues({ ...values, currentPassword: value })}
          />
          <InputField
            label="New password"
            name="newPassword"
            error={form.fieldErrors.newPassword}
            hint="At least 12 characters, different from the current one."
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={(value) => setValues({ ...values, newPassword: value })}
          />
        </SchemaForm>
      </section>
      {props.children}
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <p>Signed in on a shared or lost device? End every session of your account, this one included.</p>
        <FormAlert message={signOutEverywhere.error ? errorMessage(signOutEverywhere.error) : null} />
        <button
          type="button"
          className="danger"
          onClick={() => signOutEverywhere.mutate()}
          disabled={signOutEverywhere.isPending}
        >
          Sign out everywhere
        </button>
      </section>
    </main>
  );
}
