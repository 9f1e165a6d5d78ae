import { Link, useSearchParams } from 'react-router';
import type { ContributionFigures, ProgramStats, ReleaseStats } from '#api/stats/stats.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { DataTable } from '../../lib/data-table.tsx';
import { FormAlert } from '../../lib/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PageLoading, PageUnavailable } from '../../lib/page-state.tsx';
import { TableScroll } from '../../lib/table-scroll.tsx';
import { useProgram } from '../programs/programs-api.ts';
import { DefinitionsPanel } from './definitions-panel.tsx';
import { FindersByLevelChart } from './finders-by-level-chart.tsx';
import { LeaderboardTable } from './leaderboard-table.tsx';
import { RescueFigures } from './rescue-figures.tsx';
import { ShareTrendChart } from './share-trend-chart.tsx';
import { useLeaderboard, useProgramStats, useReleaseStats } from './stats-api.ts';
import { clustersHref, formatHours, formatInterval, formatShare } from './stats-format.ts';
import { VerificationFigures } from './verification-figures.tsx';
import './stats.css';

/** The program lead's dashboard: the customer share and what it is made of, for the program or one release. */
export function StatsDashboardPage(props: { programId: string }) {
  const { programId } = props;
  const program = useProgram(programId);
  const programStats = useProgramStats(programId);
  const [search, setSearch] = useSearchParams();
  const releaseId = search.get('releaseId') ?? undefined;
  const releaseStats = useReleaseStats(releaseId);
  const board = useLeaderboard({ programId, releaseId });

  if (programStats.isPending || program.isPending) {
    return <PageLoading />;
  }
  if (programStats.error || program.error) {
    return (
      <PageUnavailable
        title="Statistics not available"
        error={programStats.error ?? program.error}
        back={{ to: '/programs', label: 'All programs' }}
      />
    );
  }
  const overall = programStats.data;
  const stats: ReleaseStats | ProgramStats | undefined = releaseId ? releaseStats.data : overall;
  const scopeName = releaseId
    ? `release ${overall.trend.find((entry) => entry.releaseId === releaseId)?.releaseVersion ?? ''}`
    : 'all releases';

  return (
    <main className="stats-page">
      <p className="breadcrumb">
        <Link to="/programs">Programs</Link> › <Link to={`/programs/${programId}`}>{program.data.name}</Link>
      </p>
      <h1>Contribution — {program.data.name}</h1>
      <div className="filter-bar">
        <div className="field">
          <label htmlFor="stats-release">Figures for</label>
          <select
            id="stats-release"
            value={releaseId ?? ''}
            onChange={(event) => setSearch(event.target.value ? { releaseId: event.target.value } : {})}
          >
            <option value="">All releases</option>
            {overall.trend.map((entry) => (
              <option key={entry.releaseId} value={entry.releaseId}>
                Release {entry.releaseVersion}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormAlert message={releaseStats.error ? errorMessage(releaseStats.error) : null} />
      <div className="stats-layout">
        <div className="stats-main">
          {stats ? (
            <Figures programId={programId} releaseId={releaseId} stats={stats} scopeName={scopeName} />
          ) : (
            <p role="status">Loading…</p>
          )}
          <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">Share per release</h2>
            <ShareTrendChart trend={overall.trend} />
            <TrendTable programId={programId} trend={overall.trend} />
          </section>
          <RescueFigures programId={programId} releaseId={releaseId} />
          <VerificationFigures programId={programId} releaseId={releaseId} />
          <section aria-labelledby="board-heading">
            <h2 id="board-heading">Leaderboard ({scopeName})</h2>
            <FormAlert message={board.error ? errorMessage(board.error) : null} />
            {board.data ? <LeaderboardTable board={board.data} caption={`Leaderboard, ${scopeName}`} /> : null}
          </section>
          <p className="hint">
            Computed {formatDateTime(overall.computedAt)} from the issues as GitHub triage left them.
          </p>
          {overall.priorityMappingChange ? (
            <p className="hint">
              Priority mapping last changed {formatDateTime(overall.priorityMappingChange.at)} by{' '}
              {overall.priorityMappingChange.actorName}.
            </p>
          ) : null}
        </div>
        <DefinitionsPanel settings={overall.settings} />
      </div>
    </main>
  );
}

function Figures(props: {
  programId: string;
  releaseId: string | undefined;
  stats: ReleaseStats | ProgramStats;
  scopeName: string;
}) {
  const { programId, releaseId, stats } = props;
  const href = (filter: Record<string, string | undefined>) => clustersHref(programId, { releaseId, ...filter });
  const { priority } = stats;
  return (
    <>
      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading">Customer share ({props.scopeName})</h2>
        <dl className="stats-figures">
          <div className="stats-figure stats-figure-main">
            <dt>Customer share</dt>
            <dd>
              <Link to={href({ finderSource: 'customer' })} data-figure="share">
                {formatShare(priority.share)}
              </Link>
              <span className="hint">
                {' '}
                95% interval {formatInterval(priority)} · {priority.customerFound} of {priority.clusters}
              </span>
            </dd>
          </div>
          <Figure label="Priority actionable clusters" value={priority.clusters} to={href({})} />
          <Figure
            label="Found first by a customer"
            value={priority.customerFound}
            to={href({ finderSource: 'customer' })}
          />
          <Figure
            label="Found first internally"
            value={priority.internalFound}
            to={href({ finderSource: 'internal' })}
          />
          <Figure label="Customer-only finds" value={priority.customerOnly} to={href({ customerOnly: 'true' })} />
          <Figure label="All clusters" value={stats.clusters} to={href({ scope: 'all' })} />
          <Figure label="Reports filed" value={stats.reports} to={href({ scope: 'all' })} />
        </dl>
      </section>
      <section aria-labelledby="levels-heading">
        <h2 id="levels-heading">By priority level</h2>
        <FindersByLevelChart byLevel={stats.byLevel} />
        <GroupTable
          caption="By priority level"
          header="Level"
          rows={stats.byLevel.map((group) => ({
            key: group.level,
            name: group.countsAsPriority ? group.level : `${group.level} (below threshold: actionable clusters)`,
            figures: group,
            filter: { level: group.level },
          }))}
          href={href}
        />
      </section>
      <section aria-labelledby="components-heading">
        <h2 id="components-heading">By component</h2>
        {stats.byComponent.length ? (
          <GroupTable
            caption="Priority actionable clusters by component"
            header="Component"
            rows={stats.byComponent.map((group) => ({
              key: group.component ?? '',
              name: group.component ?? 'No component',
              figures: group,
              filter: (group.component === null
                ? { withoutComponent: 'true' }
                : { component: group.component }) as Record<string, string>,
            }))}
            href={href}
          />
        ) : (
          <p className="empty-state">No priority actionable cluster yet.</p>
        )}
      </section>
      <section aria-labelledby="times-heading">
        <h2 id="times-heading">Time to triage and to fix</h2>
        <TableScroll>
          <table className="card-table stats-table">
            <caption className="visually-hidden">
              Time from the finder's filing to triage and to fix (hours, or days past two), by the finder's source
            </caption>
            <thead>
              <tr>
                <th scope="col">Found first by</th>
                <th scope="col">Triaged (clusters)</th>
                <th scope="col">Median to triage</th>
                <th scope="col">90th percentile</th>
                <th scope="col">Fixed (clusters)</th>
                <th scope="col">Median to fix</th>
                <th scope="col">90th percentile</th>
              </tr>
            </thead>
            <tbody>
              {(['customer', 'internal'] as const).map((source) => (
                <tr key={source}>
                  <th scope="row" data-label="Found first by">
                    <Link to={href({ finderSource: source })}>{source === 'customer' ? 'Customer' : 'Internal'}</Link>
                  </th>
                  <td data-label="Triaged">{stats.timeToTriage[source].clusters}</td>
                  <td data-label="Median to triage">{formatHours(stats.timeToTriage[source].medianHours)}</td>
                  <td data-label="90th percentile">{formatHours(stats.timeToTriage[source].p90Hours)}</td>
                  <td data-label="Fixed">{stats.timeToFix[source].clusters}</td>
                  <td data-label="Median to fix">{formatHours(stats.timeToFix[source].medianHours)}</td>
                  <td data-label="90th percentile">{formatHours(stats.timeToFix[source].p90Hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

function Figure(props: { label: string; value: number; to: string }) {
  return (
    <div className="stats-figure">
      <dt>{props.label}</dt>
      <dd>
        <Link to={props.to}>{props.value}</Link>
      </dd>
    </div>
  );
}

function GroupTable(props: {
  caption: string;
  header: string;
  rows: { key: string; name: string; figures: ContributionFigures; filter: Record<string, string> }[];
  href: (filter: Record<string, string | undefined>) => string;
}) {
  const { href } = props;
  return (
    <DataTable
      className="card-table stats-table"
      caption={props.caption}
      rows={props.rows}
      rowKey={(row) => row.key}
      columns={[
        { header: props.header, cell: (row) => row.name },
        { header: 'Clusters', cell: (row) => <Link to={href(row.filter)}>{row.figures.clusters}</Link> },
        {
          header: 'Customer first',
          cell: (row) => (
            <Link to={href({ ...row.filter, finderSource: 'customer' })}>{row.figures.customerFound}</Link>
          ),
        },
        {
          header: 'Internal first',
          cell: (row) => (
            <Link to={href({ ...row.filter, finderSource: 'internal' })}>{row.figures.internalFound}</Link>
          ),
        },
        { header: 'Customer share', cell: (row) => formatShare(row.figures.share) },
        { header: '95% interval', cell: (row) => formatInterval(row.figures) },
        {
          header: 'Customer-only',
          cell: (row) => <Link to={href({ ...row.filter, customerOnly: 'true' })}>{row.figures.customerOnly}</Link>,
        },
      ]}
    />
  );
}

function TrendTable(props: { programId: string; trend: ProgramStats['trend'] }) {
  const href = (entry: ProgramStats['trend'][number], filter: Record<string, string>) =>
    clustersHref(props.programId, { releaseId: entry.releaseId, ...filter });
  return (
    <DataTable
      className="card-table stats-table"
      caption="Customer share per release"
      rows={props.trend}
      rowKey={(entry) => entry.releaseId}
      columns={[
        { header: 'Release', cell: (entry) => entry.releaseVersion },
        {
          header: 'Priority actionable clusters',
          label: 'Clusters',
          cell: (entry) => <Link to={href(entry, {})}>{entry.clusters}</Link>,
        },
        {
          header: 'Customer first',
          cell: (entry) => <Link to={href(entry, { finderSource: 'customer' })}>{entry.customerFound}</Link>,
        },
        { header: 'Customer share', cell: (entry) => formatShare(entry.share) },
        { header: '95% interval', cell: (entry) => formatInterval(entry) },
        {
          header: 'Customer-only',
          cell: (entry) => <Link to={href(entry, { customerOnly: 'true' })}>{entry.customerOnly}</Link>,
        },
      ]}
    />
  );
}
