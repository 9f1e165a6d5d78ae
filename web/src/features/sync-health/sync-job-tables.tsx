import { Link } from 'react-router';
import type { SyncJobProblem } from '#api/github-sync/health/sync-health.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { TableScroll } from '../../lib/table-scroll.tsx';
import { jobKindNames } from './sync-format.ts';
import { useRetrySyncJob } from './sync-health-api.ts';
import { When } from './when.tsx';

/** Jobs that gave up: they wait for a person to fix the cause and press Retry. */
export function DeadLettersTable(props: { programId: string; jobs: SyncJobProblem[]; now: string }) {
  return (
    <TableScroll>
      <table className="card-table sync-table dead-letters">
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Job</th>
            <th scope="col">Reason</th>
            <th scope="col">Attempts</th>
            <th scope="col">Gave up</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.jobs.map((job) => (
            <tr key={job.id}>
              <ReportCell job={job} />
              <td data-label="Job">{jobKindNames[job.kind]}</td>
              <td data-label="Reason" className="sync-reason">
                {job.lastError ?? '—'}
              </td>
              <td data-label="Attempts">{job.attempts}</td>
              <td data-label="Gave up">
                <When at={job.lastErrorAt ?? job.updatedAt} now={props.now} />
              </td>
              <td className="actions">
                <RetryButton programId={props.programId} job={job} label="Retry" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Jobs whose last attempt failed and that will try again by themselves at "next try". */
export function FailuresTable(props: { programId: string; jobs: SyncJobProblem[]; now: string }) {
  return (
    <TableScroll>
      <table className="card-table sync-table failures">
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Job</th>
            <th scope="col">Reason</th>
            <th scope="col">Attempts</th>
            <th scope="col">Failed</th>
            <th scope="col">Next try</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.jobs.map((job) => (
            <tr key={job.id}>
              <ReportCell job={job} />
              <td data-label="Job">{jobKindNames[job.kind]}</td>
              <td data-label="Reason" className="sync-reason">
                {job.lastError ?? '—'}
              </td>
              <td data-label="Attempts">{job.attempts}</td>
              <td data-label="Failed">
                <When at={job.lastErrorAt} now={props.now} />
              </td>
              <td data-label="Next try">
                {job.status === 'running' ? 'Running now' : <When at={job.runAfter} now={props.now} />}
              </td>
              <td className="actions">
                {/* Only a job that failed since it was last queued can be hurried (the API answers 409 else). */}
                {job.status === 'pending' && job.attempts > 0 ? (
                  <RetryButton programId={props.programId} job={job} label="Retry now" />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ReportCell(props: { job: SyncJobProblem }) {
  return (
    <th scope="row" className="report-title-cell">
      <Link to={`/reports/${props.job.reportId}`}>{props.job.reportTitle}</Link>
    </th>
  );
}

/**
 * Disabled from the click until the row goes away, so one press is one retry. A refusal (the job
 * moved on meanwhile, say) shows the API's own explanation under the button.
 */
function RetryButton(props: { programId: string; job: SyncJobProblem; label: string }) {
  const retry = useRetrySyncJob(props.programId, props.job.id);
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={retry.isPending || retry.isSuccess}
        aria-label={`${props.label}: ${props.job.reportTitle}`}
        onClick={() => retry.mutate()}
      >
        {retry.isPending ? 'Retrying…' : props.label}
      </button>
      {retry.error ? (
        <p className="field-error" role="alert">
          {errorMessage(retry.error)}
        </p>
      ) : null}
    </>
  );
}
