import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { setPasswordBody } from '../../../../api/auth/auth.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { Field, FormAlert, linkToken, useSchemaForm } from '../../lib/form.tsx';
import { sessionQueryKey } from './use-session.ts';

/** A new staff member (or one sent a reset link) chooses a password through a one-time link. */
export function SetPasswordPage() {
  const token = linkToken();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const link = useQuery({
    queryKey: ['link', token],
    queryFn: () => unwrap(api.auth.links.inspect.$post({ json: { token } })),
    enabled: token.length > 0,
  });
  const [password, setPassword] = useState('');
  const setPassword_ = useMutation({
    mutationFn: (json: { token: string; password: string }) => unwrap(api.auth['set-password'].$post({ json })),
  });
  const form = useSchemaForm(setPasswordBody, async (json) => {
    const user = await setPassword_.mutateAsync(json);
    queryClient.setQueryData(sessionQueryKey, { user });
    navigate('/', { replace: true });
  });

  return (
    <main className="narrow">
      <h1>Choose your password</h1>
      {!token ? (
        <p className="alert" role="alert">
          This link is incomplete. Open the whole link you were given.
        </p>
      ) : null}
      {link.error ? (
        <p className="alert" role="alert">
          {link.error.message}
        </p>
      ) : null}
      {link.data ? (
        <form onSubmit={form.onSubmit(() => ({ token, password }))} noValidate>
          <p>
            For <strong>{link.data.name}</strong> ({link.data.email}). Use at least 12 characters; a few words make a
            good password.
          </p>
          <FormAlert message={form.formError} />
          <Field label="Password" error={form.fieldErrors.password}>
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
