import type { CohortMember } from '#api/enrolment/enrolment.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useEnrolmentAction } from './cohort-api.ts';

/** Applications from the join link, oldest first, waiting for the program lead's decision. */
export function ApplicationsQueue(props: { releaseId: string; applications: CohortMember[]; readOnly: boolean }) {
  return (
    <section aria-labelledby="applications-heading">
      <h2 id="applications-heading">Applications</h2>
      {props.applications.length === 0 ? (
        <p className="hint">No application waiting. People apply through the join link below.</p>
      ) : (
        <ul className="item-list">
          {props.applications.map((application) => (
            <Application
              key={application.id}
              releaseId={props.releaseId}
              application={application}
              readOnly={props.readOnly}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Application(props: { releaseId: string; application: CohortMember; readOnly: boolean }) {
  const { application } = props;
  const action = useEnrolmentAction(props.releaseId);
  return (
    <li className="application">
      <span className="item-title">{application.name}</span>
      <span className="item-meta">
        {application.email}
        {application.company ? ` · ${application.company}` : ''}
        {application.jobRole ? ` · ${application.jobRole}` : ''} · applied {formatDateTime(application.createdAt)}
      </span>
      <dl className="details compact">
        {application.platforms.length ? (
          <>
            <dt>Platforms</dt>
            <dd>{application.platforms.join(', ')}</dd>
          </>
        ) : null}
        {application.devices.length ? (
          <>
            <dt>Devices</dt>
            <dd>{application.devices.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {application.motivation ? <blockquote className="motivation">{application.motivation}</blockquote> : null}
      {action.error ? (
        <p className="alert" role="alert">
          {errorMessage(action.error)}
        </p>
      ) : null}
      {props.readOnly ? null : (
        <div className="button-row">
          <button
            type="button"
            disabled={action.isPending}
            onClick={() => action.mutate({ id: application.id, action: 'approve' })}
          >
            Approve {application.name}
          </button>
          <ConfirmButton
            label={`Decline ${application.name}`}
            tone="danger"
            question={<>Decline {application.name}? They are told by e-mail.</>}
            confirmLabel="Yes, decline"
            disabled={action.isPending}
            onConfirm={() => action.mutate({ id: application.id, action: 'decline' })}
          />
        </div>
      )}
    </li>
  );
}
