import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Cluster } from '#api/stats/stats.schemas.ts';
import { clusterListQuery } from '#api/stats/stats.schemas.ts';
import { countOf, formatDateTime } from '../../lib/format.ts';
import { IssueLink } from '../../lib/issue-link.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { sourceNames } from '../../lib/report-labels.ts';
import { useProgram } from '../programs/programs-api.ts';
import { type ClusterQuery, useClusters } from './stats-api.ts';

const filterKeys = [
  'releaseId',
  'scope',
  'level',
  'component',
  'withoutComponent',
  'finderSource',
  'customerOnly',
] as const;
const filterSchema = clusterListQuery.pick({
  releaseId: true,
  scope: true,
  level: true,
  component: true,
  withoutComponent: true,
  finderSource: true,
  customerOnly: true,
});

/** The filters in the URL that the API would accept; a mistyped link falls back to fewer filters. */
function queryFromSearch(search: URLSearchParams): ClusterQuery {
  const query: ClusterQuery = {};
  for (const key of filterKeys) {
    const value = search.get(key);
    if (value && filterSchema.shape[key].safeParse(value).success) query[key] = value;
  }
  return query;
}

/** The clusters behind a figure of the dashboard, with their member reports and a CSV download. */
export function ClustersPage(props: { programId: string }) {
  const { programId } = props;
  const [search] = useSearchParams();
  const query = queryFromSearch(search);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const program = useProgram(programId);
  const list = useClusters(programId, query, cursor);
  const csvHref = `/api/programs/${programId}/stats/clusters?${new URLSearchParams({ ...query, format: 'csv' })}`;

  return (
    <main className="clusters-page">
      <p className="breadcrumb">
        <Link to="/programs">Programs</Link> ›{' '}
        <Link to={`/programs/${programId}`}>{program.data?.name ?? 'Program'}</Link> ›{' '}
        <Link to={`/programs/${programId}/stats${query.releaseId ? `?releaseId=${query.releaseId}` : ''}`}>
          Contribution
        </Link>
      </p>
      <h1>Clusters behind the figure</h1>
      <p className="lead">{describe(query)}</p>
      <p>
        <a href={csvHref} download className="button secondary">
          Download CSV
        </a>
      </p>
      <LoadState query={list} />
      {list.data && list.data.items.length === 0 ? <p className="empty-state">No cluster matches.</p> : null}
      {list.data?.items.length ? (
        <section aria-labelledby="clusters-heading" aria-busy={list.isPlaceholderData}>
          <h2 id="clusters-heading" className="visually-hidden">
            Clusters
          </h2>
          <ol className="cluster-list">
            {list.data.items.map((cluster) => (
              <ClusterCard key={cluster.canonicalId} cluster={cluster} />
            ))}
          </ol>
          <div className="button-row">
            {cursors.length > 1 ? (
              <button type="button" className="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous page
              </button>
            ) : null}
            {list.data.nextCursor ? (
              <button
                type="button"
                className="secondary"
                onClick={() => setCursors([...cursors, list.data.nextCursor])}
              >
                Next page
              </button>
            ) : null}
          </div>
        </section>
      ) : null}
    </main>
  );
}

function describe(query: ClusterQuery): string {
  const parts = [
    query.scope === 'all'
      ? 'Every cluster'
      : query.level
        ? `Actionable clusters at level ${query.level}`
        : 'Priority actionable clusters',
    query.releaseId ? 'of the release' : 'of every release',
  ];
  if (query.component) parts.push(`in ${query.component}`);
  if (query.withoutComponent === 'true') parts.push('without a component');
  if (query.finderSource)
    parts.push(`found first by ${query.finderSource === 'customer' ? 'a customer' : 'internal testing'}`);
  if (query.customerOnly === 'true') parts.push('with no internal member (customer-only)');
  return `${parts.join(' ')}. Newest first.`;
}

function ClusterCard(props: { cluster: Cluster }) {
  const { cluster } = props;
  const headingId = `cluster-${cluster.canonicalId}`;
  return (
    <li className="cluster-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/reports/${cluster.canonicalId}`}>{cluster.title}</Link>
      </h3>
      <p className="item-meta">
        Release {cluster.releaseVersion} · {cluster.level ?? 'no level'}
        {cluster.countsAsPriority ? ' (priority)' : ''} · {cluster.component ?? 'no component'} ·{' '}
        {cluster.actionable ? 'actionable' : 'not actionable'} · found first by {cluster.finder} (
        {sourceNames[cluster.finderSource]}) · {countOf(cluster.members, 'report', 'reports')} (
        {cluster.customerMembers} customer, {cluster.internalMembers} internal)
        {cluster.customerOnly ? ' · customer-only' : ''}
        <IssueLink url={cluster.issueUrl} />
      </p>
      <ul className="plain-list cluster-members">
        {cluster.memberReports.map((member) => (
          <li key={`${member.kind}-${member.reportId}-${member.createdAt}-${member.person.label}`}>
            {member.finder ? <strong>Finder: </strong> : null}
            {member.kind === 'me_too' ? `"Me too" by ${member.person.label} on ` : `${member.person.label}: `}
            <Link to={`/reports/${member.reportId}`}>{member.title}</Link> ({sourceNames[member.person.source]},{' '}
            {member.kind === 'canonical' ? 'canonical' : member.kind === 'duplicate' ? 'duplicate' : 'co-finder'},{' '}
            <time dateTime={member.createdAt}>{formatDateTime(member.createdAt)}</time>)
          </li>
        ))}
      </ul>
    </li>
  );
}
