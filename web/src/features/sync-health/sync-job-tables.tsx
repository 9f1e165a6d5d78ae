import { Link } from 'react-router';
import type { SyncJobProblem } from '#api/github-sync/health/sync-health.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { type Column, DataTable } from '../../lib/data-table.tsx';
import { jobKindNames } from './sync-format.ts';
import { useRetrySyncJob } from './sync-health-api.ts';
import { When } from './when.tsx';
import './sync-health.css';

const reportColumn: Column<SyncJobProblem> = {
  header: 'Report',
  cellClassName: 'report-title-cell',
  cell: (job) => <Link to={`/reports/${job.reportId}`}>{job.reportTitle}</Link>,
};
const jobColumn: Column<SyncJobProblem> = { header: 'Job', cell: (job) => jobKindNames[job.kind] };
const reasonColumn: Column<SyncJobProblem> = {
  header: 'Reason',
  cellClassName: 'sync-reason',
  cell: (job) => job.lastError ?? '—',
};
const attemptsColumn: Column<SyncJobProblem> = { header: 'Attempts', cell: (job) => job.attempts };
/** What every problem table shows first: which report, which job, why it failed, how often. */
const problemColumns = [reportColumn, jobColumn, reasonColumn, attemptsColumn];
const actions = (cell: Column<SyncJobProblem>['cell']): Column<SyncJobProblem> => ({
  header: 'Actions',
  headerHidden: true,
  cellClassName: 'actions',
  cell,
});

/** Jobs that gave up: they wait for a person to fix the cause and press Retry. */
export function DeadLettersTable(props: { programId: string; jobs: SyncJobProblem[]; now: string }) {
  return (
    <DataTable
      className="card-table sync-table dead-letters"
      rows={props.jobs}
      rowKey={(job) => job.id}
      columns={[
        ...problemColumns,
        { header: 'Gave up', cell: (job) => <When at={job.lastErrorAt ?? job.updatedAt} now={props.now} /> },
        actions((job) => <RetryButton programId={props.programId} job={job} label="Retry" />),
      ]}
    />
  );
}

/** Jobs whose last attempt failed and that will try again by themselves at "next try". */
export function FailuresTable(props: { programId: string; jobs: SyncJobProblem[]; now: string }) {
  return (
    <DataTable
      className="card-table sync-table failures"
      rows={props.jobs}
      rowKey={(job) => job.id}
      columns={[
        ...problemColumns,
        { header: 'Failed', cell: (job) => <When at={job.lastErrorAt} now={props.now} /> },
        {
          header: 'Next try',
          cell: (job) => (job.status === 'running' ? 'Running now' : <When at={job.runAfter} now={props.now} />),
        },
        // Only a job that failed since it was last queued can be hurried (the API answers 409 else).
        actions((job) =>
          job.status === 'pending' && job.attempts > 0 ? (
            <RetryButton programId={props.programId} job={job} label="Retry now" />
          ) : null,
        ),
      ]}
    />
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
