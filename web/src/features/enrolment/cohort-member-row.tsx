import type { CohortMember } from '#api/enrolment/enrolment.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { useEnrolmentAction, useEraseMvpAccount, useExportMvpData, useSetAccountDisabled } from './cohort-api.ts';
import { enrolmentStatusHints, enrolmentStatusNames } from './enrolment-status.ts';
import './enrolment.css';

/** One person in the cohort, with what the program lead can do about them while the release is open. */
export function CohortMemberRow(props: { member: CohortMember; releaseId: string; readOnly: boolean }) {
  const { member } = props;
  const action = useEnrolmentAction(props.releaseId);
  const account = useSetAccountDisabled();
  const erase = useEraseMvpAccount();
  const exportData = useExportMvpData();
  const isAdmin = useSignedInUser().role === 'admin';
  const busy = action.isPending || account.isPending || erase.isPending || exportData.isPending;
  const error = action.error ?? account.error ?? erase.error ?? exportData.error;
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
          {/* An erased account keeps only an undeliverable placeholder, of no use to anyone. */}
          {member.accountErased ? '—' : member.email}
        </td>
        <td data-label="Status">
          <span className={`badge badge-${member.status}`} title={enrolmentStatusHints[member.status]}>
            {enrolmentStatusNames[member.status]}
          </span>
          {member.status === 'invited' && member.invitationExpiresAt ? (
            <span className="hint cell-note">link until {formatDateTime(member.invitationExpiresAt)}</span>
          ) : null}
          {member.accountErased ? (
            <span className="badge badge-disabled" title="Erased at their request; their reports stay, unnamed">
              Account erased
            </span>
          ) : member.accountDisabled ? (
            <span className="badge badge-disabled" title="Cannot sign in, in any release; what they filed stays">
              Account disabled
            </span>
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
          {/* Disabling shuts the person out of every program, so it is an admin's to do; a data request
              the program's lead answers too (the server sends it to an admin when the customer also takes
              part in a program the lead does not lead). */}
          {member.accountId && !member.accountErased && isAdmin ? (
            <AccountControl member={member} accountId={member.accountId} busy={busy} run={account.mutate} />
          ) : null}
          {member.accountId && !member.accountErased ? (
            <DataRequestControls
              member={member}
              accountId={member.accountId}
              busy={busy}
              exportData={exportData.mutate}
              erase={erase.mutate}
            />
          ) : null}
        </td>
      </tr>
      {error || (action.isSuccess && action.variables.action === 'resend') ? (
        <tr className="row-extra">
          <td colSpan={7}>
            {error ? (
              <p className="alert" role="alert">
                {errorMessage(error)}
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

/**
 * Disabling the person's account, or enabling it again. Unlike removing them from this cohort, it
 * shuts them out of every release at once (for abuse, or a customer who leaves), and their reports stay.
 */
function AccountControl(props: {
  member: CohortMember;
  accountId: string;
  busy: boolean;
  run: (change: { accountId: string; disabled: boolean }) => void;
}) {
  const { member, accountId } = props;
  if (member.accountDisabled) {
    return (
      <ConfirmButton
        label="Enable account"
        tone="secondary"
        question={
          <>Enable the account of {member.name} again? They can sign in and take part where they are enrolled.</>
        }
        confirmLabel={`Enable account of ${member.name}`}
        disabled={props.busy}
        onConfirm={() => props.run({ accountId, disabled: false })}
      />
    );
  }
  return (
    <ConfirmButton
      label="Disable account"
      tone="danger"
      question={
        <>
          Disable the account of {member.name}? They are signed out at once and can no longer sign in, file or comment,
          in any release. Everything they filed stays.
        </>
      }
      confirmLabel={`Disable account of ${member.name}`}
      disabled={props.busy}
      onConfirm={() => props.run({ accountId, disabled: true })}
    />
  );
}

/**
 * A customer's data request, answered by the program lead: their archive, or erasing their account
 * (their reports stay as "A former MVP", the figures unchanged).
 */
function DataRequestControls(props: {
  member: CohortMember;
  accountId: string;
  busy: boolean;
  exportData: (accountId: string) => void;
  erase: (accountId: string) => void;
}) {
  const { member, accountId } = props;
  return (
    <>
      <button type="button" className="secondary" disabled={props.busy} onClick={() => props.exportData(accountId)}>
        Export data
      </button>
      <ConfirmButton
        label="Erase account"
        tone="danger"
        question={
          <>
            Erase the account of {member.name} at their request? Their name, e-mail, profile and files are removed in
            every release and they can no longer sign in; their reports stay as &ldquo;A former MVP&rdquo;. This cannot
            be undone.
          </>
        }
        confirmLabel={`Erase account of ${member.name}`}
        disabled={props.busy}
        onConfirm={() => props.erase(accountId)}
      />
    </>
  );
}
