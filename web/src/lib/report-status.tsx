import { type ReportStatus, reportStatuses } from '#api/reports/reports.schemas.ts';
import './report-status.css';

// What became of a report, in the reporter's words; shared by the report form's suggestions and the
// reporter's list, like the role names in session.ts.

export const statusNames: Record<ReportStatus, string> = {
  new: 'New',
  synced: 'Synced',
  triaged: 'Triaged',
  needs_info: 'Needs info',
  fixed: 'Fixed',
  not_planned: 'Not planned',
  duplicate: 'Duplicate',
};

const statusMeanings: Record<ReportStatus, string> = {
  new: 'Filed, on its way to engineering.',
  synced: 'Engineering has it, as an issue on GitHub.',
  triaged: 'Engineering gave it a priority; the level is shown beside it.',
  needs_info: 'Engineering asked for more information: answer on the report.',
  fixed: 'Engineering fixed it.',
  not_planned: 'Engineering decided not to change this.',
  duplicate: 'The same bug as another report, which carries on in its place.',
};

/** A report's status as a badge; a triaged one names its priority ("Triaged · P1"). */
export function ReportStatusBadge(props: { status: ReportStatus; priority?: string | null }) {
  const priority =
    (props.status === 'triaged' || props.status === 'needs_info') && props.priority ? ` · ${props.priority}` : '';
  return (
    <span className={`badge badge-report-${props.status.replace('_', '-')}`} title={statusMeanings[props.status]}>
      {statusNames[props.status]}
      {priority}
    </span>
  );
}

/** Every status with what it means, for readers who wonder. */
export function ReportStatusLegend() {
  return (
    <dl className="details compact status-legend">
      {reportStatuses.map((status) => (
        <div key={status} className="status-legend-row">
          <dt>
            <ReportStatusBadge status={status} />
          </dt>
          <dd>{statusMeanings[status]}</dd>
        </div>
      ))}
    </dl>
  );
}
