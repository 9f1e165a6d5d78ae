import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { CoFinderView, ReportDetail } from '#api/report-views/report-views.schemas.ts';
import { ApiError, errorMessage } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { countOf, formatDate, formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { PageLoading } from '../../lib/page-state.tsx';
import { environmentEntries, personLabel, severityNames, sourceNames } from '../../lib/report-labels.ts';
import { ReportStatusBadge } from '../../lib/report-status.tsx';
import { useSignedInUser } from '../../lib/session.ts';
import { CommentForm } from './comment-form.tsx';
import { FollowUpNotices } from './follow-up-notices.tsx';
import { ReportAttachments } from './report-attachments.tsx';
import { useReport } from './report-page-api.ts';
import { ReportTimeline } from './report-timeline.tsx';
import './report-views.css';

/** One report as its reader may see it: what was filed, who found it too, and what happened since. */
export function ReportPage(props: {
  reportId: string;
  /** What the router mounts under the status line for this report (the fix-verification panel). */
  followUp?: ReactNode;
}) {
  const report = useReport(props.reportId);
  if (report.isPending) {
    return <PageLoading />;
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
  return report.data.view === 'co-finder' ? (
    <CoFinderPage report={report.data} followUp={props.followUp} />
  ) : (
    <ReportView report={report.data} followUp={props.followUp} />
  );
}

function ReportView(props: { report: ReportDetail; followUp: ReactNode }) {
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
        {report.priority && report.status !== 'triaged' && report.status !== 'needs_info' ? (
          <span className="badge badge-priority">Priority {report.priority}</span>
        ) : null}
        {report.yourRole ? <span className="hint">You filed this report.</span> : null}
        {!staff && report.meTooCount ? (
          <span className="hint">{countOf(report.meTooCount, 'other person', 'others')} found it too.</span>
        ) : null}
      </div>
      <FollowUpNotices report={report} staff={staff} />
      {props.followUp}
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
        <ReportTimeline entries={report.timeline} threads={threadNames(report.coFinders)} />
        <CommentForm
          reportId={report.id}
          author={staff ? 'staff' : 'reporter'}
          threads={staff ? threadNames(report.coFinders) : new Map()}
          answering={report.status === 'needs_info'}
        />
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
            <li key={finder.id}>
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
              {finder.attachments.length ? <ReportAttachments attachments={finder.attachments} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Staff name each co-finder's thread after its author, for the timeline and the reply target. */
function threadNames(coFinders: ReportDetail['coFinders']): Map<string, string> {
  return new Map(coFinders.map((finder) => [finder.id, `${personLabel(finder.person)}’s “me too”`]));
}

/**
 * What a co-finder reads: the bug as anyone taking part may know it (title, status, priority) and
 * their own "me too": never the reporter's text, files or identity, which stay theirs.
 */
function CoFinderPage(props: { report: CoFinderView; followUp: ReactNode }) {
  const { report } = props;
  const entry = report.yourEntry;
  const environment = environmentEntries(entry.environment);
  return (
    <main className="report-view">
      <p className="breadcrumb">
        <Link to="/my-reports">My reports</Link>
      </p>
      <h1>{report.title}</h1>
      <div className="status-line">
        <ReportStatusBadge status={report.status} priority={report.priority} />
        {report.priority && report.status !== 'triaged' && report.status !== 'needs_info' ? (
          <span className="badge badge-priority">Priority {report.priority}</span>
        ) : null}
        <span className="hint">
          You found this too
          {report.meTooCount > 1 ? `, with ${countOf(report.meTooCount - 1, 'other person', 'others')}` : ''}.
        </span>
      </div>
      <FollowUpNotices report={report} staff={false} />
      {props.followUp}
      <section aria-label="Summary" className="report-summary">
        <dl className="details">
          <dt>Release</dt>
          <dd>{report.releaseVersion}</dd>
          <dt>Program</dt>
          <dd>{report.programName}</dd>
          <dt>Reported</dt>
          <dd>
            <time dateTime={report.createdAt}>{formatDate(report.createdAt)}</time>
          </dd>
        </dl>
        <p className="hint">
          Someone else reported this bug first: their report stays theirs. Here is what you added, and how engineering
          is getting on with it.
        </p>
      </section>
      <section aria-labelledby="entry-heading">
        <h2 id="entry-heading">Your “me too”</h2>
        <p className="item-meta">
          Sent <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
        </p>
        {entry.note.trim() ? <Markdown text={entry.note} /> : <p className="hint">You added no note.</p>}
        {environment.length ? (
          <>
            <h3>Your environment</h3>
            <EnvironmentList entries={environment} />
          </>
        ) : null}
        {entry.attachments.length ? (
          <>
            <h3>Your files</h3>
            <ReportAttachments attachments={entry.attachments} />
          </>
        ) : null}
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ReportTimeline entries={report.timeline} threads={new Map()} />
        <CommentForm
          reportId={report.id}
          author="co-finder"
          threads={new Map()}
          answering={report.status === 'needs_info'}
        />
      </section>
    </main>
  );
}
