import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { eraseAccountBody } from '#api/data-rights/data-rights.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { FormAlert, InputField, useSchemaForm } from '../../lib/form.tsx';
import { useEndSession, useSignedInUser } from '../../lib/session.ts';

/**
 * The person's data rights on their account page: a copy of everything held about them, and, for a
 * customer, erasing the account (confirmed with their password, after saying what stays).
 */
export function DataRightsPanel() {
  const user = useSignedInUser();
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>
        One zip archive with everything Fieldtest holds about you: your details, enrolments, the terms you accepted,
        your reports, your &ldquo;me too&rdquo; entries, comments and answers, notice preferences and the files you
        uploaded.
      </p>
      <p>
        <a className="button secondary" href="/api/account/export" download>
          Download my data
        </a>
      </p>
      {user.role === 'mvp' ? <EraseAccountForm /> : null}
    </section>
  );
}

function EraseAccountForm() {
  const endSession = useEndSession();
  const [password, setPassword] = useState('');
  const [open, setOpen] = useState(false);
  const erase = useMutation({
    mutationFn: (json: { password: string }) => unwrap(api.account.erase.$post({ json })),
    onSuccess: () => endSession('Your account was erased. Thank you for testing with us.'),
  });
  const form = useSchemaForm(eraseAccountBody, erase);

  if (!open)
    return (
      <p>
        <button type="button" className="secondary danger-text" onClick={() => setOpen(true)}>
          Erase my account
        </button>
      </p>
    );
  return (
    <form
      className="stack"
      onBlur={form.checkOnBlur}
      onSubmit={form.onSubmit(() => ({ password }))}
      noValidate
      aria-labelledby="erase-heading"
    >
      <h3 id="erase-heading">Erase my account</h3>
      <p>This cannot be undone. Download your data first if you want a copy.</p>
      <ul>
        <li>
          <strong>Removed:</strong> your name, e-mail address, password, profile (company, handle, GitHub login,
          devices), notice preferences, invitations, e-mail waiting for you, and the files you uploaded.
        </li>
        <li>
          <strong>Kept, without your name:</strong> the bugs you reported, your &ldquo;me too&rdquo;s, comments and
          answers. They read as &ldquo;A former MVP&rdquo;, so the program&rsquo;s figures stay as they are. The GitHub
          issues, which never carried your name or e-mail, stay too.
        </li>
      </ul>
      <FormAlert message={form.formError} />
      <InputField
        label="Your password"
        name="password"
        error={form.fieldErrors.password}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <div className="button-row">
        <button type="submit" className="danger" disabled={form.pending}>
          Erase my account for good
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)} disabled={form.pending}>
          Keep my account
        </button>
      </div>
    </form>
  );
}
