import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { inviteBody, maxInvitees } from '#api/enrolment/enrolment.schemas.ts';
import { parseInviteeList } from '#api/enrolment/parse-invitee-list.ts';
import { Field, FormAlert, Notice, useSchemaForm } from '../../lib/form.tsx';
import { countOf } from '../../lib/format.ts';
import { useInvite } from './cohort-api.ts';
import './enrolment.css';

/**
 * Invite people by pasting a list: "Name, e-mail, company" lines, a CSV with or without a header row,
 * or addresses as mail programs copy them. The same parser the API ships reads it as you type, so
 * every line's problem shows before anything is sent.
 */
export function InviteForm(props: { releaseId: string }) {
  const [text, setText] = useState('');
  const parsed = useMemo(() => parseInviteeList(text), [text]);
  const invite = useInvite(props.releaseId);
  const form = useSchemaForm(inviteBody, invite);
  const hasLineErrors = parsed.errors.length > 0;
  // The API names each person at fault by their place in the list: invitees.2.email.
  const personError = (index: number) =>
    Object.entries(form.fieldErrors)
      .filter(([field]) => field.startsWith(`invitees.${index}.`))
      .map(([, message]) => message)
      .join(' ');

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite</h2>
      <form
        className="stack"
        onBlur={form.checkOnBlur}
        onSubmit={form.onSubmit(() => ({ invitees: parsed.invitees }), { onSuccess: () => setText('') })}
        noValidate
      >
        {invite.isSuccess ? (
          <Notice tone="success">
            Invited {invite.data.items.map((member) => member.name).join(', ')}. Each gets an e-mail with a link to
            accept (see the <Link to="/outbox">Outbox</Link>).
          </Notice>
        ) : null}
        <FormAlert message={form.formError} />
        <Field
          label="Invitees"
          name="invitees"
          error={form.fieldErrors.invitees}
          hint={`One person a line: “Name, e-mail, company”. A CSV pasted from a spreadsheet works too, with or without a header row; at most ${maxInvitees} at once.`}
        >
          {(attributes) => (
            <textarea
              {...attributes}
              rows={5}
              spellCheck={false}
              placeholder={'Casey Customer, casey@example.com, Acme\nJordan Lee <jordan@example.org>'}
              value={text}
              onChange={(e) => {
                if (invite.isSuccess || invite.isError) invite.reset();
                setText(e.target.value);
              }}
            />
          )}
        </Field>
        {text.trim() ? (
          <div className="invite-preview" aria-live="polite">
            <p>
              <strong>{countOf(parsed.invitees.length, 'person', 'people')}</strong> to invite
              {hasLineErrors ? `, ${countOf(parsed.errors.length, 'line', 'lines')} to fix` : ''}.
            </p>
            {hasLineErrors ? (
              <ul className="line-errors">
                {parsed.errors.map((error) => (
                  <li key={`${error.line}:${error.message}`} className="field-error">
                    Line {error.line}: {error.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {parsed.invitees.length ? (
              <table className="preview-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">E-mail</th>
                    <th scope="col">Company</th>
                  </tr>
                </thead>
                <tbody>
                  {parsed.invitees.map((invitee, index) => {
                    const error = personError(index);
                    return (
                      <tr key={invitee.email} className={error ? 'has-error' : undefined}>
                        <td>{invitee.name}</td>
                        <td>
                          {invitee.email}
                          {error ? <span className="field-error cell-note">{error}</span> : null}
                        </td>
                        <td>{invitee.company || '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : null}
          </div>
        ) : null}
        <button type="submit" disabled={form.pending || hasLineErrors || parsed.invitees.length === 0}>
          Send invitations
        </button>
        {hasLineErrors ? (
          <p className="hint">Fix or delete the lines above first: invitations go out all at once.</p>
        ) : null}
      </form>
    </section>
  );
}
