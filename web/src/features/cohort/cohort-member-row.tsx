import type { CohortMember } from '../../../../api/enrolment/enrolment.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useEnrolmentAction } from './cohort-api.ts';
import { enrolmentStatusHints, enrolmentStatusNames } from './enrolment-status.ts';

/** One person in the cohort, with what the program lead can do about them while the release is open. */
export function CohortMemberRow(props: { member: CohortMember; releaseId: string; readOnly: boolean }) {
  const { member } = props;
  const action = useEnrolmentAction(props.releaseId);
  const busy = action.isPending;
  const run = (kind: 'resend' | 'revoke' | 'remove') => action.mutate({ id: member.id, action: kind });
  const ended = member.status === 'removed' || member.status === 'declined';

  return (
    <>
      <tr className={ended ? 'muted' : undefined}>
        <th scope="row">
          <span className="member-name">{member.name}</span>
        </th>
        <td data-label="Company">{member.company || '—'}</td>
        <td data-label="E-mail" className="member-email-cell">
          {member.email}
        </td>
        <td data-label="Status">
          <span className={`badge badge-${member.status}`} title={enrolmentStatusHints[member.status]}>
            {enrolmentStatusNames[member.status]}
          </span>
          {member.status === 'invited' && member.invitationExpiresAt ? (
            <span className="hint cell-note">link until {formatDateTime(member.invitationExpiresAt)}</span>
          ) : null}
        </td>
        <td data-label="Terms accepted">
          {member.termsVersionAccepted === null ? '—' : `v${member.termsVersionAccepted}`}
        </td>
        <td data-label="Reports">{member.reportsFiled}</td>
        <td className="actions">
          {props.readOnly ? null : member.status === 'invited' ? (
            <>
              <button type="button" className="secondary" disabled={busy} onClick={() => run('resend')}>
                Resend
              </button>
              <ConfirmButton
                label="Revoke"
                tone="danger"
                question={<>Withdraw the invitation of {member.name}? Their link stops working.</>}
                confirmLabel={`Revoke invitation of ${member.name}`}
                disabled={busy}
                onConfirm={() => run('revoke')}
              />
            </>
          ) : member.status === 'active' ? (
            <ConfirmButton
              label="Remove"
              tone="danger"
              question={<>Remove {member.name} from the cohort? Their access ends at once; their reports stay.</>}
              confirmLabel={`Remove ${member.name}`}
              disabled={busy}
              onConfirm={() => run('remove')}
            />
          ) : null}
        </td>
      </tr>
      {action.error || (action.isSuccess && action.variables.action === 'resend') ? (
        <tr className="row-extra">
          <td colSpan={7}>
            {action.error ? (
              <p className="alert" role="alert">
                {errorMessage(action.error)}
              </p>
            ) : (
              <p className="success" role="status">
                A new invitation is on its way to {member.email}; earlier links no longer work.
              </p>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}
