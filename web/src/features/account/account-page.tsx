import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { changePasswordBody } from '../../../../api/account/account.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { Field, FormAlert, useSchemaForm } from '../../lib/form.tsx';
import { roleNames, sessionQueryKey, useSession } from '../auth/use-session.ts';

export function AccountPage() {
  const { data } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  const form = useSchemaForm(changePasswordBody, async (json) => {
    await unwrap(api.account.password.$post({ json }));
    setValues({ currentPassword: '', newPassword: '' });
    setDone(true);
  });
  const signOutEverywhere = async () => {
    await unwrap(api.auth['sign-out-everywhere'].$post());
    queryClient.clear();
    queryClient.setQueryData(sessionQueryKey, { user: null });
    navigate('/sign-in', { replace: true });
  };
  const user = data?.user;
  if (!user) return null;
  return (
    <main>
      <h1>Account settings</h1>
      <p>
        {user.name} · {user.email} · {roleNames[user.role]}
      </p>
      <section>
        <h2>Change password</h2>
        <form
          onSubmit={(event) => {
            setDone(false);
            return form.onSubmit(() => values)(event);
          }}
          noValidate
        >
          <FormAlert message={form.formError} />
          {done ? (
            <p className="success" role="status">
              Password changed. Your other sessions were signed out.
            </p>
          ) : null}
          <Field label="Current password" error={form.fieldErrors.currentPassword}>
            {(attributes) => (
              <input
                {...attributes}
                type="password"
                autoComplete="current-password"
                value={values.currentPassword}
                onChange={(e) => setValues({ ...values, currentPassword: e.target.value })}
              />
            )}
          </Field>
          <Field label="New password" error={form.fieldErrors.newPassword} hint="At least 12 characters.">
            {(attributes) => (
              <input
                {...attributes}
                type="password"
                autoComplete="new-password"
                value={values.newPassword}
                onChange={(e) => setValues({ ...values, newPassword: e.target.value })}
              />
            )}
          </Field>
          <button type="submit" disabled={form.pending}>
            Change password
          </button>
        </form>
      </section>
      <section>
        <h2>Sessions</h2>
        <p>Signed in on a shared or lost device? End every session, this one included.</p>
        <button type="button" className="danger" onClick={signOutEverywhere}>
          Sign out everywhere
        </button>
      </section>
    </main>
  );
}
