import { Link } from 'react-router';
import type { ReportListItem } from '#api/report-views/report-views.schemas.ts';
import { formatDate } from '../../lib/format.ts';
import { personLabel, severityNames, sourceNames } from '../../lib/report-labels.ts';
import { ReportStatusBadge } from '../../lib/report-status.tsx';
import { TableScroll } from '../../lib/table-scroll.tsx';

/** The reports as a table on wide screens, one card per report on a phone. */
export function ReportTable(props: { reports: ReportListItem[] }) {
  return (
    <TableScroll>
      <table className="card-table report-table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Release</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">Severity</th>
            <th scope="col">Reporter</th>
            <th scope="col" title="People who said they found it too">
              Co-finders
            </th>
            <th scope="col">Filed</th>
          </tr>
        </thead>
        <tbody>
          {props.reports.map((report) => (
            <tr key={report.id}>
              <th scope="row" className="report-title-cell">
                <Link to={`/reports/${report.id}`}>{report.title}</Link>
              </th>
              <td data-label="Release">{report.releaseVersion}</td>
              <td data-label="Source">{sourceNames[report.source]}</td>
              <td data-label="Status">
                <ReportStatusBadge status={report.status} />
              </td>
              <td data-label="Priority">{report.priority ?? '—'}</td>
              <td data-label="Severity">{report.severity ? severityNames[report.severity] : '—'}</td>
              <td data-label="Reporter">{personLabel(report.reporter)}</td>
              <td data-label="Co-finders">{report.coFinders}</td>
              <td data-label="Filed">
                <time dateTime={report.createdAt}>{formatDate(report.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
