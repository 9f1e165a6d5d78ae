import { Link, useLocation } from 'react-router';
import type { MyReport } from '#api/reports/reports.schemas.ts';
import { Notice } from '../../lib/form.tsx';
import { formatDate } from '../../lib/format.ts';
import { LoadMoreButton, LoadState } from '../../lib/page-state.tsx';
import { ReportStatusBadge, ReportStatusLegend } from '../../lib/report-status.tsx';
import { useMyReports } from './my-reports-api.ts';
import './reports.css';

/** What the user filed or found too, and what engineering made of each. */
export function MyReportsPage() {
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const reports = useMyReports();
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <main>
      <h1>My reports</h1>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <p className="lead">
        The bugs you filed, and those you said “me too” to, newest first, with what engineering made of each.
      </p>
      <LoadState query={reports} />
      {reports.data && items.length === 0 ? (
        <p>
          Nothing yet. <Link to="/report">File a bug</Link> when you find one.
        </p>
      ) : null}
      {items.length ? (
        <section aria-labelledby="reports-heading">
          <h2 id="reports-heading" className="visually-hidden">
            Reports
          </h2>
          <ul className="item-list my-reports">
            {items.map((report) => (
              <MyReportRow key={report.id} report={report} />
            ))}
          </ul>
          <LoadMoreButton query={reports}>Older reports</LoadMoreButton>
        </section>
      ) : null}
      {items.length ? (
        <details className="status-help">
          <summary>What the statuses mean</summary>
          <ReportStatusLegend />
        </details>
      ) : null}
    </main>
  );
}

function MyReportRow(props: { report: MyReport }) {
  const { report } = props;
  return (
    <li>
      <Link to={`/reports/${report.id}`} className="item-title">
        {report.title}
      </Link>
      <span className="item-meta">
        <ReportStatusBadge status={report.status} priority={report.priority} /> · {report.programName}{' '}
        {report.releaseVersion} ·{' '}
        {report.role === 'reporter'
          ? `filed by you on ${formatDate(report.createdAt)}`
          : `filed on ${formatDate(report.createdAt)}, you found it too`}
      </span>
    </li>
  );
}
