import { Link } from 'react-router';
import type { ReportPage } from '#api/report-views/report-views.schemas.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { ReportStatusBadge } from '../../lib/report-status.tsx';
import './report-views.css';

/**
 * What the report waits for, above everything else: GitHub while the program's repository is not
 * connected, engineering's question while it needs information (with a way to answer it), and the
 * report a duplicate now follows.
 */
export function FollowUpNotices(props: { report: ReportPage; staff: boolean }) {
  const { report, staff } = props;
  return (
    <>
      {report.waitingForGithub ? (
        <p className="notice" role="status">
          {report.waitingForGithub}
        </p>
      ) : null}
      {report.needsInfo ? <NeedsInfoBanner needsInfo={report.needsInfo} staff={staff} /> : null}
      {report.duplicateOf ? <DuplicateOf canonical={report.duplicateOf} /> : null}
    </>
  );
}

function NeedsInfoBanner(props: { needsInfo: NonNullable<ReportPage['needsInfo']>; staff: boolean }) {
  const { needsInfo, staff } = props;
  const { question } = needsInfo;
  return (
    <section className="banner banner-needs-info" aria-labelledby="needs-info-heading">
      <h2 id="needs-info-heading">Engineering needs more information</h2>
      {question ? (
        <>
          <p className="item-meta">
            {question.author} asked on <time dateTime={question.at}>{formatDateTime(question.at)}</time>:
          </p>
          <blockquote className="needs-info-question">
            <Markdown text={question.body} />
          </blockquote>
        </>
      ) : (
        <p>Engineering marked this bug as needing more information; their question may follow on the timeline.</p>
      )}
      {needsInfo.answeredAt ? (
        <p className="hint">
          {staff ? 'Answered' : 'You answered'} on{' '}
          <time dateTime={needsInfo.answeredAt}>{formatDateTime(needsInfo.answeredAt)}</time>. Engineering has been
          told.
        </p>
      ) : staff ? (
        <p className="hint">Waiting for the people who found it to answer.</p>
      ) : (
        <p>
          <a href="#answer">Answer below</a>: write what was asked and attach logs or screenshots. Your answer goes to
          engineering.
        </p>
      )}
    </section>
  );
}

function DuplicateOf(props: { canonical: NonNullable<ReportPage['duplicateOf']> }) {
  const { canonical } = props;
  return (
    <section className="banner banner-duplicate" aria-labelledby="duplicate-heading">
      <h2 id="duplicate-heading">The same bug as another report</h2>
      <p>
        Engineering closed this report as a duplicate. It now follows{' '}
        {canonical.id ? <Link to={`/reports/${canonical.id}`}>{canonical.title}</Link> : <q>{canonical.title}</q>}:
      </p>
      <p className="status-line">
        <ReportStatusBadge status={canonical.status} priority={canonical.priority} />
        {canonical.priority && canonical.status !== 'triaged' && canonical.status !== 'needs_info' ? (
          <span className="badge badge-priority">Priority {canonical.priority}</span>
        ) : null}
        {canonical.fixed && canonical.fixedAt ? (
          <span className="hint">
            Fixed on <time dateTime={canonical.fixedAt}>{formatDateTime(canonical.fixedAt)}</time>.
          </span>
        ) : (
          <span className="hint">You are told when it is fixed.</span>
        )}
      </p>
    </section>
  );
}
