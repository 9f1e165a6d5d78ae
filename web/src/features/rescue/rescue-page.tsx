import { Link } from 'react-router';
import type {
  RescueCandidate,
  RescueEvidence,
  RescueList,
  RescueReproduction,
  RescueRequestView,
} from '#api/rescue/rescue.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { FormAlert, Notice } from '../../lib/form.tsx';
import { countOf, formatDateTime } from '../../lib/format.ts';
import { IssueLink } from '../../lib/issue-link.tsx';
import { PageLoading, PageUnavailable } from '../../lib/page-state.tsx';
import { ReportStatusBadge } from '../../lib/report-status.tsx';
import { useCanManageProgram } from '../../lib/session.ts';
import { useRequestRescue, useRescueList } from './rescue-api.ts';
import './rescue.css';

const kindWords: Record<RescueReproduction['kind'], string> = {
  me_too: 'said “me too”',
  duplicate: 'filed it again (a duplicate)',
  still_broken: 'says the fix does not work',
};

/** The program lead's Rescue list: bugs engineering set aside that customers keep reproducing. */
export function RescuePage(props: { programId: string }) {
  const list = useRescueList(props.programId);
  if (list.isPending) {
    return <PageLoading />;
  }
  if (!list.data) {
    return (
      <PageUnavailable
        title="Rescue list not available"
        error={list.error}
        back={{ to: '/programs', label: 'All programs' }}
      />
    );
  }
  return <RescueView list={list.data} refreshError={list.error} />;
}

function RescueView(props: { list: RescueList; refreshError: Error | null }) {
  const { list } = props;
  const isLead = useCanManageProgram(list.programId);
  const request = useRequestRescue(list.programId);
  return (
    <main className="rescue-page">
      <p className="breadcrumb">
        <Link to="/programs">Programs</Link> › <Link to={`/programs/${list.programId}`}>{list.programName}</Link>
      </p>
      <h1>Rescue — {list.programName}</h1>
      <p className="lead">
        Bugs engineering closed as not planned, or left without a priority, that at least{' '}
        {countOf(list.threshold, 'customer', 'different customers')} reproduced within the last{' '}
        {countOf(list.windowDays, 'day', 'days')}. Sending one back posts a single comment with the evidence on its
        GitHub issue and adds the program's rescue label.
      </p>
      <FormAlert message={props.refreshError ? `Could not refresh: ${errorMessage(props.refreshError)}` : null} />
      <FormAlert message={request.error ? errorMessage(request.error) : null} />
      {request.data ? (
        <Notice tone="success">
          Sent: “{request.data.title}” is back with engineering. The comment and the label reach GitHub through the sync
          queue.
        </Notice>
      ) : null}

      <section aria-labelledby="candidates-heading">
        <h2 id="candidates-heading">
          Keeps coming back <span className="hint">({list.candidates.length})</span>
        </h2>
        {list.candidates.length ? (
          <ol className="cluster-list">
            {list.candidates.map((candidate) => (
              <CandidateCard
                key={candidate.canonicalId}
                candidate={candidate}
                canSend={isLead}
                sending={request.isPending && request.variables === candidate.canonicalId}
                busy={request.isPending}
                onSend={() => request.mutate(candidate.canonicalId)}
              />
            ))}
          </ol>
        ) : (
          <p className="empty-state">No cluster meets the threshold right now.</p>
        )}
      </section>

      <section aria-labelledby="rescued-heading">
        <h2 id="rescued-heading">
          Sent back <span className="hint">({list.rescued.length})</span>
        </h2>
        {list.rescued.length ? (
          <ol className="cluster-list">
            {list.rescued.map((rescue) => (
              <RescuedCard key={rescue.id} rescue={rescue} />
            ))}
          </ol>
        ) : (
          <p className="empty-state">Nothing sent back yet.</p>
        )}
      </section>
      <p className="hint">
        Computed <time dateTime={list.computedAt}>{formatDateTime(list.computedAt)}</time>.
      </p>
    </main>
  );
}

function CandidateCard(props: {
  candidate: RescueCandidate;
  canSend: boolean;
  sending: boolean;
  busy: boolean;
  onSend: () => void;
}) {
  const { candidate } = props;
  const headingId = `rescue-${candidate.canonicalId}`;
  return (
    <li className="cluster-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/reports/${candidate.canonicalId}`}>{candidate.title}</Link>
      </h3>
      <ClusterMeta cluster={candidate} />
      <Evidence evidence={candidate.evidence} />
      {props.canSend ? (
        <ConfirmButton
          label={props.sending ? 'Sending…' : 'Send back to engineering'}
          question={
            <>
              Post one comment with this evidence on the GitHub issue of “{candidate.title}” and add the rescue label?
              Customers do not see it. It can be sent only once.
            </>
          }
          confirmLabel="Send back"
          disabled={props.busy}
          onConfirm={props.onSend}
        />
      ) : null}
    </li>
  );
}

function RescuedCard(props: { rescue: RescueRequestView }) {
  const { rescue } = props;
  const headingId = `rescued-${rescue.id}`;
  return (
    <li className="cluster-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/reports/${rescue.canonicalId}`}>{rescue.title}</Link>
      </h3>
      <ClusterMeta cluster={rescue} />
      <p>
        <span className="badge badge-sync-ok">Sent</span>{' '}
        <time dateTime={rescue.requestedAt}>{formatDateTime(rescue.requestedAt)}</time>
        {rescue.requestedBy ? ` by ${rescue.requestedBy}` : ''}, with{' '}
        {countOf(rescue.evidence.customers, 'customer', 'customers')} and{' '}
        {countOf(rescue.evidence.reproductions, 'reproduction', 'reproductions')} ·{' '}
        {rescue.commentPosted ? 'comment on GitHub' : 'comment waiting in the sync queue'}
      </p>
      <p>
        {rescue.prioritisedAt ? (
          <>
            <strong>Engineering prioritised it</strong>{' '}
            <time dateTime={rescue.prioritisedAt}>{formatDateTime(rescue.prioritisedAt)}</time>.
          </>
        ) : (
          'Engineering has not prioritised it since.'
        )}
      </p>
      <details>
        <summary>The evidence as it was sent</summary>
        <Evidence evidence={rescue.evidence} />
      </details>
    </li>
  );
}

function ClusterMeta(props: { cluster: Pick<RescueCandidate, 'releaseVersion' | 'status' | 'priority' | 'issueUrl'> }) {
  const { cluster } = props;
  return (
    <p className="item-meta">
      Release {cluster.releaseVersion} · <ReportStatusBadge status={cluster.status} priority={cluster.priority} />
      {cluster.priority && cluster.status !== 'triaged' && cluster.status !== 'needs_info'
        ? ` · ${cluster.priority}`
        : ''}
      <IssueLink url={cluster.issueUrl} />
    </p>
  );
}

function environmentName(entry: { os: string | null; browser: string | null; build: string | null }): string {
  const parts = [entry.os, entry.browser, entry.build ? `build ${entry.build}` : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Environment not given';
}

/** How many reproduced it, where, and in their words (handles only). */
function Evidence(props: { evidence: RescueEvidence }) {
  const { evidence } = props;
  return (
    <div className="rescue-evidence">
      <p>
        <strong>{countOf(evidence.customers, 'customer', 'customers')}</strong>,{' '}
        {countOf(evidence.reproductions, 'reproduction', 'reproductions')} in {evidence.windowDays} days; newest{' '}
        <time dateTime={evidence.newestAt}>{formatDateTime(evidence.newestAt)}</time>.
      </p>
      <h4>Where</h4>
      <ul className="plain-list">
        {evidence.environments.map((entry) => (
          <li key={`${entry.os}|${entry.browser}|${entry.build}`}>
            {environmentName(entry)}: {entry.count}
          </li>
        ))}
      </ul>
      <h4>What they said</h4>
      <ul className="plain-list">
        {evidence.items.map((item) => (
          <li key={`${item.kind}-${item.reportId}-${item.at}-${item.customer}`}>
            <strong>{item.customer}</strong> {kindWords[item.kind]},{' '}
            <time dateTime={item.at}>{formatDateTime(item.at)}</time>
            {item.os || item.browser || item.build ? ` (${environmentName(item)})` : ''}
            {item.note.trim() ? <blockquote className="rescue-note">{item.note}</blockquote> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
