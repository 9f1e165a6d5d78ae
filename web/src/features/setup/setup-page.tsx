import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { createFirstAdminBody } from '../../../../api/setup/setup.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { Field, FormAlert, linkToken, useSchemaForm } from '../../lib/form.tsx';
import { sessionQueryKey } from '../auth/use-session.ts';

/** First run: the person holding the setup link printed by `npm start` becomes the first admin. */
export function SetupPage() {
  const token = linkToken();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const link = useQuery({
    queryKey: ['link', token],
    queryFn: () => unwrap(api.auth.links.inspect.$post({ json: { token } })),
    enabled: token.length > 0,
  });
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const form = useSchemaForm(createFirstAdminBody, async (json) => {
    const user = await unwrap(api.setup.$post({ json }));
    queryClient.setQueryData(sessionQueryKey, { user });
    navigate('/', { replace: true });
  });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [key]: event.target.value }));

  return (
    <main className="narrow">
      <h1>Create the first admin</h1>
      {!token ? (
        <p className="alert" role="alert">
          Open the whole setup link that <code>npm start</code> printed, including the part after <code>#</code>.
        </p>
      ) : null}
      {link.error ? (
        <div className="alert" role="alert">
          <p>{link.error.message}</p>
          <p>
            If the admin exists already, <Link to="/sign-in">sign in</Link>. Otherwise restart the server for a new
            link.
          </p>
        </div>
      ) : null}
      {link.data ? (
        <form onSubmit={form.onSubmit(() => ({ ...values, token }))} noValidate>
          <p>You will be the program lead: you set up programs and releases and add the rest of the staff.</p>
          <FormAlert message={form.formError} />
          <Field label="Name" error={form.fieldErrors.name}>
            {(attributes) => <input {...attributes} autoComplete="name" value={values.name} onChange={set('name')} />}
          </Field>
          <Field label="E-mail" error={form.fieldErrors.email}>
            {(attributes) => (
              <input
                {...attributes}
                type="email"
                autoComplete="username"
                value={values.email}
                onChange={set('email')}
              />
            )}
          </Field>
          <Field label="Password" error={form.fieldErrors.password} hint="At least 12 characters.">
            {(attributes) => (
              <input
                {...attributes}
                type="password"
                autoComplete="new-password"
                value={values.password}
                onChange={set('password')}
              />
            )}
          </Field>
          <button type="submit" disabled={form.pending}>
            Create admin account
          </button>
        </form>
      ) : null}
    </main>
  );
}
