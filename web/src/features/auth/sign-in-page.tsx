import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { signInBody } from '../../../../api/auth/auth.schemas.ts';
import { ApiError, api, unwrap } from '../../lib/api-client.ts';
import { Field, FormAlert, useSchemaForm } from '../../lib/form.tsx';
import { sessionQueryKey, useSession } from './use-session.ts';

export function SignInPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/';
  const setup = useQuery({ queryKey: ['setup-status'], queryFn: () => unwrap(api.setup.status.$get()) });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useSchemaForm(signInBody, async (json) => {
    try {
      const user = await unwrap(api.auth['sign-in'].$post({ json }));
      queryClient.setQueryData(sessionQueryKey, { user });
      navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        throw new Error(`Too many attempts. Try again in ${error.retryAfterSeconds ?? 60} seconds.`);
      }
      throw error;
    }
  });

  if (session.data?.user) return <Navigate to={next} replace />;
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      {setup.data?.needsSetup ? (
        <p className="notice">
          No admin account exists yet. The first admin is created through the one-time setup link that
          <code>npm start</code> printed on the server's console.
        </p>
      ) : null}
      <form onSubmit={form.onSubmit(() => ({ email, password }))} noValidate>
        <FormAlert message={form.formError} />
        <Field label="E-mail" error={form.fieldErrors.email}>
          {(attributes) => (
            <input
              {...attributes}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password" error={form.fieldErrors.password}>
          {(attributes) => (
            <input
              {...attributes}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={form.pending}>
          Sign in
        </button>
      </form>
    </main>
  );
}
