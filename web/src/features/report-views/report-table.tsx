import { Link } from 'react-router';
import type { ReportListItem } from '#api/report-views/report-views.schemas.ts';
import { DataTable } from '../../lib/data-table.tsx';
import { formatDate } from '../../lib/format.ts';
import { personLabel, severityNames, sourceNames } from '../../lib/report-labels.ts';
import { ReportStatusBadge } from '../../lib/report-status.tsx';
import './report-views.css';

/** The reports as a table on wide screens, one card per report on a phone. */
export function ReportTable(props: { reports: ReportListItem[] }) {
  return (
    <DataTable
      className="card-table report-table"
      rows={props.reports}
      rowKey={(report) => report.id}
      columns={[
        {
          header: 'Title',
          cellClassName: 'report-title-cell',
          cell: (report) => <Link to={`/reports/${report.id}`}>{report.title}</Link>,
        },
        { header: 'Release', cell: (report) => report.releaseVersion },
        { header: 'Source', cell: (report) => sourceNames[report.source] },
        { header: 'Status', cell: (report) => <ReportStatusBadge status={report.status} /> },
        { header: 'Priority', cell: (report) => report.priority ?? '—' },
        { header: 'Severity', cell: (report) => (report.severity ? severityNames[report.severity] : '—') },
        { header: 'Reporter', cell: (report) => personLabel(report.reporter) },
        { header: 'Co-finders', headerTitle: 'People who said they found it too', cell: (report) => report.coFinders },
        {
          header: 'Filed',
          cell: (report) => <time dateTime={report.createdAt}>{formatDate(report.createdAt)}</time>,
        },
      ]}
    />
  );
}
