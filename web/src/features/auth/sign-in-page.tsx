import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { signInBody } from '#api/auth/auth.schemas.ts';
import { SignInEmailField } from '../../lib/account-fields.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { InputField, Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { type SignInState, useSession, useStartSession } from '../../lib/session.ts';
import { setupStatusQuery } from '../setup/setup-api.ts';
import type { ForgotPasswordState } from './forgot-password-page.tsx';

/** Only a path on this site, so a crafted `?next=//elsewhere.example` cannot send people away. */
function safeNext(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

export function SignInPage() {
  const session = useSession();
  const startSession = useStartSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const state = location.state as SignInState;
  const setup = useQuery(setupStatusQuery);
  const [values, setValues] = useState({ email: '', password: '' });
  const signIn = useMutation({
    mutationFn: (json: { email: string; password: string }) => unwrap(api.auth['sign-in'].$post({ json })),
    onSuccess: (user) => {
      startSession(user);
      void navigate(next, { replace: true });
    },
  });
  const form = useSchemaForm(signInBody, signIn);

  // Right after signing out the session is cleared a moment after this page shows: no bounce back then.
  if (session.data?.user && !state?.signedOut) return <Navigate to={next} replace />;
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      {state?.notice ? <Notice>{state.notice}</Notice> : null}
      {setup.data?.needsSetup ? (
        <div className="notice" role="status">
          <p>
            <strong>Fieldtest has no admin yet.</strong> The first admin is created through the one-time setup link that{' '}
            <code>npm start</code> printed in the server's terminal. Open that link to create the account; nobody can
            sign in before that.
          </p>
        </div>
      ) : null}
      <SchemaForm
        form={form}
        className="card"
        onSubmit={form.onSubmit(() => values)}
        submitLabel="Sign in"
        footer={
          <p className="hint">
            <Link to="/forgot-password" state={{ email: values.email } satisfies ForgotPasswordState}>
              Forgot your password?
            </Link>
          </p>
        }
      >
        <SignInEmailField
          value={values.email}
          onChange={(value) => setValues({ ...values, email: value })}
          error={form.fieldErrors.email}
        />
        <InputField
          label="Password"
          name="password"
          error={form.fieldErrors.password}
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={(value) => setValues({ ...values, password: value })}
        />
      </SchemaForm>
    </main>
  );
}
