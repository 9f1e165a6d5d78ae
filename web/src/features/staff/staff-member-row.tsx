import { useState } from 'react';
import { staffRoles } from '#api/lib/roles.ts';
import type { StaffMember } from '#api/staff/staff.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { roleNames } from '../../lib/session.ts';
import { PasswordLinkBox } from './password-link-box.tsx';
import { type StaffRole, useIssuePasswordLink, useUpdateStaffMember } from './staff-api.ts';
import './staff.css';

const statusNames: Record<StaffMember['status'], string> = {
  active: 'Active',
  invited: 'Invited',
  disabled: 'Disabled',
};

const statusHints: Record<StaffMember['status'], string> = {
  active: 'Has chosen a password',
  invited: 'Has not chosen a password yet',
  disabled: 'Cannot sign in',
};

/**
 * One staff member with the controls a program lead has over them; one's own row is read-only.
 * `onChanged` tells the page that links shown for this member earlier may no longer work.
 */
export function StaffMemberRow(props: { member: StaffMember; isSelf: boolean; onChanged: (id: string) => void }) {
  const { member, isSelf, onChanged } = props;
  const update = useUpdateStaffMember(member.id);
  const passwordLink = useIssuePasswordLink(member.id);
  const disabled = member.status === 'disabled';
  const error = update.error ?? passwordLink.error;
  const busy = update.isPending || passwordLink.isPending;

  return (
    <>
      <tr className={disabled ? 'muted' : undefined}>
        <th scope="row">
          <span className="member-name">{member.name}</span>
          {isSelf ? <span className="you"> (you)</span> : null}
          <span className="member-email">{member.email}</span>
        </th>
        <td>
          {/* The select shows what the server holds: a refused change snaps back by itself. */}
          <select
            aria-label={`Role of ${member.name}`}
            value={member.role}
            disabled={isSelf || busy}
            onChange={(event) => {
              passwordLink.reset();
              update.mutate({ role: event.target.value as StaffRole });
            }}
          >
            {staffRoles.map((role) => (
              <option key={role} value={role}>
                {roleNames[role]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <span className={`badge badge-${member.status}`} title={statusHints[member.status]}>
            {statusNames[member.status]}
          </span>
        </td>
        <td>
          <GithubLoginForm member={member} busy={busy} save={(githubLogin) => update.mutate({ githubLogin })} />
        </td>
        <td className="actions">
          {isSelf ? (
            <span className="hint">Another admin can change your own role or account.</span>
          ) : (
            <>
              <button
                type="button"
                className="secondary"
                disabled={disabled || busy}
                title={disabled ? 'Enable the account first' : undefined}
                onClick={() => {
                  update.reset();
                  passwordLink.mutate(undefined, { onSuccess: () => onChanged(member.id) });
                }}
              >
                New password link
              </button>
              <button
                type="button"
                className={disabled ? 'secondary' : 'secondary danger-text'}
                disabled={busy}
                onClick={() => {
                  passwordLink.reset();
                  update.mutate({ disabled: !disabled }, { onSuccess: () => onChanged(member.id) });
                }}
              >
                {disabled ? 'Enable' : 'Disable'}
              </button>
            </>
          )}
        </td>
      </tr>
      {error || passwordLink.data ? (
        <tr className="row-extra">
          <td colSpan={5}>
            {error ? (
              <p className="alert" role="alert">
                {errorMessage(error)}
              </p>
            ) : null}
            {passwordLink.data && !passwordLink.error ? (
              <PasswordLinkBox name={member.name} link={passwordLink.data} />
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Their GitHub login: issues it opens directly on GitHub are then theirs (still internal finds). */
function GithubLoginForm(props: { member: StaffMember; busy: boolean; save: (login: string | null) => void }) {
  const { member } = props;
  const [login, setLogin] = useState(member.githubLogin ?? '');
  const changed = login.trim() !== (member.githubLogin ?? '');
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.save(login.trim() === '' ? null : login.trim());
      }}
    >
      <input
        aria-label={`GitHub login of ${member.name}`}
        value={login}
        maxLength={39}
        placeholder="none"
        onChange={(event) => setLogin(event.target.value)}
      />
      {changed ? (
        <button type="submit" className="secondary" disabled={props.busy}>
          Save
        </button>
      ) : null}
    </form>
  );
}
