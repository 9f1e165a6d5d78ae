import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { createFirstAdminBody } from '#api/setup/setup.schemas.ts';
import { NameField, NewPasswordField, SignInEmailField } from '../../lib/account-fields.tsx';
import { api, errorMessage, unwrap } from '../../lib/api-client.ts';
import { SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLinkInfo, useLinkToken } from '../../lib/one-time-link.ts';
import { useStartSession } from '../../lib/session.ts';
import { setupStatusQuery } from './setup-api.ts';

type Values = { name: string; email: string; password: string };

/** First run: the person holding the setup link printed by `npm start` becomes the first admin. */
export function SetupPage() {
  const { token, malformed } = useLinkToken();
  const link = useLinkInfo(token);
  const setup = useQuery(setupStatusQuery);
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>({ name: '', email: '', password: '' });
  const createAdmin = useMutation({
    mutationFn: (json: Values & { token: string }) => unwrap(api.setup.$post({ json })),
    onSuccess: (user) => {
      startSession(user);
      void navigate('/', { replace: true });
    },
  });
  const form = useSchemaForm(createFirstAdminBody, createAdmin);
  const set = (key: keyof Values) => (value: string) => setValues((current) => ({ ...current, [key]: value }));

  return (
    <main className="narrow">
      <h1>Create the first admin</h1>
      {!token || malformed ? (
        setup.data?.needsSetup === false ? (
          <p className="notice">
            Fieldtest is set up already. <Link to="/sign-in">Sign in</Link>.
          </p>
        ) : (
          <p className="alert" role="alert">
            Open the whole setup link that <code>npm start</code> printed, including the part after <code>#</code>.
          </p>
        )
      ) : null}
      {link.isLoading ? <p role="status">Checking the setup link…</p> : null}
      {link.error ? (
        <div className="alert" role="alert">
          <p>{errorMessage(link.error)}</p>
          <p>
            If the admin exists already, <Link to="/sign-in">sign in</Link>. Otherwise restart the server (
            <code>npm start</code>) to print a new setup link.
          </p>
        </div>
      ) : null}
      {link.data && link.data.purpose !== 'first_admin' ? (
        <p className="alert" role="alert">
          This link is for choosing a password. <Link to={`/set-password#${token}`}>Choose your password</Link> instead.
        </p>
      ) : null}
      {link.data?.purpose === 'first_admin' ? (
        <SchemaForm
          form={form}
          className="card"
          onSubmit={form.onSubmit(() => ({ ...values, token }))}
          submitLabel="Create admin account"
          intro={
            <p>
              You will be the first program lead: you set up programs and releases and add the rest of the staff. This
              link works once, until {formatDateTime(link.data.expiresAt)}.
            </p>
          }
        >
          <NameField value={values.name} onChange={set('name')} error={form.fieldErrors.name} />
          <SignInEmailField value={values.email} onChange={set('email')} error={form.fieldErrors.email} />
          <NewPasswordField value={values.password} onChange={set('password')} error={form.fieldErrors.password} />
        </SchemaForm>
      ) : null}
    </main>
  );
}
