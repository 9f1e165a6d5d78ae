import { Fragment } from 'react';
import { Link } from 'react-router';
import type { ReportDetail } from '../../../../api/report-views/report-views.schemas.ts';
import { ApiError, errorMessage } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { environmentEntries, personLabel, severityNames, sourceNames } from '../../lib/report-labels.ts';
import { ReportStatusBadge } from '../../lib/report-status.tsx';
import { useSignedInUser } from '../../lib/session.ts';
import { CommentForm } from './comment-form.tsx';
import { ReportAttachments } from './report-attachments.tsx';
import { useReport } from './report-page-api.ts';
import { ReportTimeline } from './report-timeline.tsx';

/** One report as its reader may see it: what was filed, who found it too, and what happened since. */
export function ReportPage(props: { reportId: string }) {
  const report = useReport(props.reportId);
  if (report.isPending) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (report.error) {
    // A malformed id (400) and someone else's report (404) read the same: the API never confirms either.
    if (report.error instanceof ApiError && (report.error.status === 404 || report.error.status === 400)) {
      return (
        <main>
          <h1>Report not found</h1>
          <p>This report doesn't exist or isn't yours to see.</p>
          <p>
            <Link to="/my-reports">My reports</Link>
          </p>
        </main>
      );
    }
    return (
      <main>
        <h1>Report not available</h1>
        <FormAlert message={errorMessage(report.error)} />
        <button type="button" onClick={() => report.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  return <ReportView report={report.data} />;
}

function ReportView(props: { report: ReportDetail }) {
  const { report } = props;
  const staff = useSignedInUser().role !== 'mvp';
  return (
    <main className="report-view">
      <p className="breadcrumb">
        {staff ? (
          <>
            <Link to="/programs">Programs</Link> ›{' '}
            <Link to={`/programs/${report.programId}`}>{report.programName}</Link> ›{' '}
            <Link to={`/programs/${report.programId}/reports`}>Reports</Link>
          </>
        ) : (
          <Link to="/my-reports">My reports</Link>
        )}
      </p>
      <h1>{report.title}</h1>
      <div className="status-line">
        <ReportStatusBadge status={report.status} priority={report.priority} />
        {/* The badge names the priority of a triaged report; a fixed or closed one may still carry one. */}
        {report.priority && report.status !== 'triaged' ? (
          <span className="badge badge-priority">Priority {report.priority}</span>
        ) : null}
        {report.yourRole ? (
          <span className="hint">
            {report.yourRole === 'reporter' ? 'You filed this report.' : 'You found this too.'}
          </span>
        ) : null}
      </div>
      <section aria-label="Summary" className="report-summary">
        <dl className="details">
          <dt>Release</dt>
          <dd>
            {staff ? <Link to={`/releases/${report.releaseId}`}>{report.releaseVersion}</Link> : report.releaseVersion}
          </dd>
          <dt>Program</dt>
          <dd>{staff ? <Link to={`/programs/${report.programId}`}>{report.programName}</Link> : report.programName}</dd>
          <dt>Severity</dt>
          <dd>{report.severity ? severityNames[report.severity] : '—'}</dd>
          <dt>Component</dt>
          <dd>{report.component ?? '—'}</dd>
          <dt>Source</dt>
          <dd>{sourceNames[report.source]}</dd>
          {report.issue ? (
            <>
              <dt>GitHub issue</dt>
              <dd>
                <a href={report.issue.url} target="_blank" rel="noreferrer">
                  {report.issue.repo}#{report.issue.number}
                </a>
              </dd>
            </>
          ) : null}
          <dt>Reported by</dt>
          <dd>{personLabel(report.reporter)}</dd>
          <dt>Filed</dt>
          <dd>
            <time dateTime={report.createdAt}>{formatDateTime(report.createdAt)}</time>
          </dd>
        </dl>
      </section>
      <TextSection id="steps" heading="Steps to reproduce" text={report.steps} />
      <TextSection id="expected" heading="Expected result" text={report.expected} />
      <TextSection id="actual" heading="Actual result" text={report.actual} />
      <EnvironmentSection environment={report.environment} />
      {report.attachments.length ? (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">Attachments</h2>
          <ReportAttachments attachments={report.attachments} />
        </section>
      ) : null}
      {report.coFinders.length ? <CoFindersSection coFinders={report.coFinders} /> : null}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ReportTimeline entries={report.timeline} />
        <CommentForm reportId={report.id} staff={staff} />
      </section>
    </main>
  );
}

function TextSection(props: { id: string; heading: string; text: string }) {
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.heading}</h2>
      <Markdown text={props.text} />
    </section>
  );
}

function EnvironmentSection(props: { environment: Record<string, string> }) {
  const entries = environmentEntries(props.environment);
  if (!entries.length) return null;
  return (
    <section aria-labelledby="environment-heading">
      <h2 id="environment-heading">Environment</h2>
      <EnvironmentList entries={entries} />
    </section>
  );
}

function EnvironmentList(props: { entries: ReturnType<typeof environmentEntries> }) {
  return (
    <dl className="details compact">
      {props.entries.map((entry) => (
        <Fragment key={entry.key}>
          <dt>{entry.label}</dt>
          <dd>{entry.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function CoFindersSection(props: { coFinders: ReportDetail['coFinders'] }) {
  return (
    <section aria-labelledby="co-finders-heading">
      <h2 id="co-finders-heading">Also found by</h2>
      <ul className="item-list co-finders">
        {props.coFinders.map((finder) => {
          const environment = environmentEntries(finder.environment ?? {});
          return (
            <li key={`${finder.person.displayName}-${finder.createdAt}`}>
              <span className="item-title">{personLabel(finder.person)}</span>
              <span className="item-meta">
                on <time dateTime={finder.createdAt}>{formatDate(finder.createdAt)}</time>
              </span>
              {finder.note?.trim() ? <Markdown text={finder.note} /> : null}
              {environment.length ? (
                <details className="co-finder-environment">
                  <summary>Their environment</summary>
                  <EnvironmentList entries={environment} />
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
