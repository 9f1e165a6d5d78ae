import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { setPasswordBody } from '#api/auth/auth.schemas.ts';
import { NewPasswordField } from '../../lib/account-fields.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { LinkCheck } from '../../lib/link-check.tsx';
import { useLinkInfo, useLinkToken } from '../../lib/one-time-link.ts';
import { useSession, useStartSession } from '../../lib/session.ts';

/**
 * A password chosen through a one-time link: a new staff member's (or a new one their admin made), or a
 * reset link that someone who forgot theirs asked for by e-mail.
 */
export function SetPasswordPage() {
  const { token, malformed } = useLinkToken();
  const link = useLinkInfo(token);
  const signedIn = useSession().data?.user;
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const setPasswordMutation = useMutation({
    mutationFn: (json: { token: string; password: string }) => unwrap(api.auth['set-password'].$post({ json })),
    onSuccess: (user) => {
      startSession(user);
      void navigate('/', { replace: true });
    },
  });
  const form = useSchemaForm(setPasswordBody, setPasswordMutation);
  const purpose = link.data?.purpose;
  const reset = purpose === 'password_reset';

  return (
    <main className="narrow">
      <h1>{reset ? 'Choose a new password' : 'Choose your password'}</h1>
      <LinkCheck
        token={token}
        malformed={malformed}
        from="you were given"
        checking="Checking your link…"
        query={link}
        wayOn={
          <p>
            To get a new link, use <Link to="/forgot-password">Forgot your password?</Link>, or ask a program lead.
          </p>
        }
      />
      {purpose === 'first_admin' ? (
        <p className="alert" role="alert">
          This is the link to set up Fieldtest. <Link to={`/setup#${token}`}>Create the first admin</Link> instead.
        </p>
      ) : null}
      {link.data && (purpose === 'set_password' || reset) ? (
        <SchemaForm
          form={form}
          className="card"
          onSubmit={form.onSubmit(() => ({ token, password }))}
          submitLabel="Set password"
          intro={
            <>
              <p>
                For <strong>{link.data.name}</strong> ({link.data.email}). The link works once, until{' '}
                {formatDateTime(link.data.expiresAt)}.
                {reset ? ' Choosing a password signs you out everywhere else.' : ''}
              </p>
              {signedIn && signedIn.email !== link.data.email ? (
                <p className="notice">
                  You are signed in as {signedIn.name}. Choosing this password signs you in as {link.data.name} instead.
                </p>
              ) : null}
            </>
          }
        >
          <NewPasswordField value={password} onChange={setPassword} error={form.fieldErrors.password} />
        </SchemaForm>
      ) : null}
    </main>
  );
}
