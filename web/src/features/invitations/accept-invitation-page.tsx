import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import {
  acceptInvitationBody,
  type InvitationInfo,
  newMvpAccountSchema,
} from '#api/invitations/invitations.schemas.ts';
import { NameField } from '../../lib/account-fields.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { InputField, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { LinkCheck } from '../../lib/link-check.tsx';
import { useLinkQuery, useLinkToken } from '../../lib/one-time-link.ts';
import { useSession, useStartSession } from '../../lib/session.ts';

// What each kind of invitee must give: the API checks the same (a new account needs a name and a
// password of the usual strength; an existing one its password, unless its owner is signed in).
const newAccountBody = acceptInvitationBody.extend(newMvpAccountSchema.shape);
const existingAccountBody = acceptInvitationBody.extend({
  password: z.string().min(1, { error: 'Enter the password of your Fieldtest account' }),
});
type AcceptValues = z.output<typeof acceptInvitationBody>;

/** An invited customer accepts through the link in their e-mail (`/invitation#<token>`). */
export function AcceptInvitationPage() {
  const { token, malformed } = useLinkToken();
  const info = useLinkQuery('invitation', token, (token) => unwrap(api.invitations.inspect.$post({ json: { token } })));

  return (
    <main className="narrow">
      <h1>Accept your invitation</h1>
      <LinkCheck
        token={token}
        malformed={malformed}
        from="from your invitation e-mail"
        checking="Checking your invitation…"
        query={info}
        wayOn={
          <p>
            Already joined? <Link to="/sign-in">Sign in</Link> to see your releases.
          </p>
        }
      />
      {info.data ? <AcceptForm token={token} info={info.data} /> : null}
    </main>
  );
}

function AcceptForm(props: { token: string; info: InvitationInfo }) {
  const { token, info } = props;
  const signedIn = useSession().data?.user ?? null;
  const startSession = useStartSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ name: info.name, password: '' });
  const accept = useMutation({
    mutationFn: (json: AcceptValues) => unwrap(api.invitations.accept.$post({ json })),
    onSuccess: (user) => {
      startSession(user);
      // The terms come first; the guard behind "/" sends the new MVP there.
      void navigate('/', { replace: true });
    },
  });
  const signedInAsInvitee = signedIn?.email === info.email;
  const kind = signedInAsInvitee ? 'signed-in' : info.accountExists ? 'existing' : 'new';
  const schema = kind === 'new' ? newAccountBody : kind === 'existing' ? existingAccountBody : acceptInvitationBody;
  const form = useSchemaForm(schema, accept);

  return (
    <SchemaForm
      form={form}
      className="card"
      onSubmit={form.onSubmit(() =>
        kind === 'new' ? { token, ...values } : kind === 'existing' ? { token, password: values.password } : { token },
      )}
      submitLabel="Join"
      intro={
        <>
          <p>
            <strong>{info.programName}</strong> invites you to test <strong>{info.product}</strong> release{' '}
            <strong>{info.releaseVersion}</strong> before it ships.
          </p>
          <dl className="details">
            <dt>Program</dt>
            <dd>{info.programName}</dd>
            <dt>Product</dt>
            <dd>{info.product}</dd>
            <dt>Release</dt>
            <dd>{info.releaseVersion}</dd>
            <dt>Invited</dt>
            <dd>{info.email}</dd>
          </dl>
          <p className="hint">This link works once, until {formatDateTime(info.expiresAt)}.</p>
          {signedIn && !signedInAsInvitee ? (
            <p className="notice">
              You are signed in as {signedIn.name}. Joining signs you in as {info.email} instead.
            </p>
          ) : null}
        </>
      }
    >
      {kind === 'new' ? (
        <>
          <p>Choose how you sign in to Fieldtest: your e-mail is {info.email}.</p>
          <NameField
            value={values.name}
            onChange={(value) => setValues({ ...values, name: value })}
            error={form.fieldErrors.name}
          />
        </>
      ) : null}
      {kind === 'existing' ? <p>You have a Fieldtest account as {info.email}: enter its password to join.</p> : null}
      {kind === 'signed-in' ? <p>You are signed in as {info.email}.</p> : null}
      {kind === 'signed-in' ? null : (
        <InputField
          label="Password"
          name="password"
          error={form.fieldErrors.password}
          hint={kind === 'new' ? 'At least 12 characters; a few unrelated words make a good one.' : undefined}
          type="password"
          autoComplete={kind === 'new' ? 'new-password' : 'current-password'}
          value={values.password}
          onChange={(value) => setValues({ ...values, password: value })}
        />
      )}
    </SchemaForm>
  );
}
