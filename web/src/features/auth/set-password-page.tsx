import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { setPasswordBody } from '#api/auth/auth.schemas.ts';
import { api, errorMessage, unwrap } from '../../lib/api-client.ts';
import { Field, FormAlert, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
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
      {!token || malformed ? (
        <p className="alert" role="alert">
          This link is incomplete. Open the whole link you were given, including the part after <code>#</code>.
        </p>
      ) : null}
      {link.isLoading ? <p role="status">Checking your link…</p> : null}
      {link.error ? (
        <div className="alert" role="alert">
          <p>{errorMessage(link.error)}</p>
          <p>
            To get a new link, use <Link to="/forgot-password">Forgot your password?</Link>, or ask a program lead.
          </p>
        </div>
      ) : null}
      {purpose === 'first_admin' ? (
        <p className="alert" role="alert">
          This is the link to set up Fieldtest. <Link to={`/setup#${token}`}>Create the first admin</Link> instead.
        </p>
      ) : null}
      {link.data && (purpose === 'set_password' || reset) ? (
        <form
          className="card"
          onBlur={form.checkOnBlur}
          onSubmit={form.onSubmit(() => ({ token, password }))}
          noValidate
        >
          <p>
            For <strong>{link.data.name}</strong> ({link.data.email}). The link works once, until{' '}
            {formatDateTime(link.data.expiresAt)}.{reset ? ' Choosing a password signs you out everywhere else.' : ''}
          </p>
          {signedIn && signedIn.email !== link.data.email ? (
            <p className="notice">
              You are signed in as {signedIn.name}. Choosing this password signs you in as {link.data.name} instead.
            </p>
          ) : null}
          <FormAlert message={form.formError} />
          <Field
            label="Password"
            name="password"
            error={form.fieldErrors.password}
            hint="At least 12 characters; a few unrelated words make a good one."
          >
            {(attributes) => (
              <input
                {...attributes}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={form.pending}>
            Set password
          </button>
        </form>
      ) : null}
    </main>
  );
}
