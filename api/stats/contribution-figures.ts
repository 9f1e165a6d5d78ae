import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { queryStats, storedClusterCtes } from './cluster-sql.ts';
import type { ContributionFigures, ReleaseStats, StatsSettings } from './stats.schemas.ts';
import { wilsonInterval } from './wilson-interval.ts';

type FigureRow = {
  g_level: number;
  g_component: number;
  g_release: number;
  level: string | null;
  component: string | null;
  release_id: string | null;
  p_clusters: number;
  p_customer: number;
  p_customer_only: number;
  a_clusters: number;
  a_customer: number;
  a_customer_only: number;
  triage_customer_n: number;
  triage_internal_n: number;
  fix_customer_n: number;
  fix_internal_n: number;
  triage_customer: number[] | null;
  triage_internal: number[] | null;
  fix_customer: number[] | null;
  fix_internal: number[] | null;
};

export type Figures = Omit<ReleaseStats, 'releaseId' | 'releaseVersion' | 'programName' | 'computedAt'> & {
  /** Priority actionable figures per release (program scope only). */
  byRelease: Map<string, ContributionFigures>;
};

export function figuresOf(clusters: number, customerFound: number, customerOnly: number): ContributionFigures {
  return {
    clusters,
    customerFound,
    internalFound: clusters - customerFound,
    customerOnly,
    share: clusters ? customerFound / clusters : null,
    interval: wilsonInterval(customerFound, clusters),
  };
}

const hoursBetween = (from: string, to: string) => Prisma.raw(`extract(epoch from (${to} - ${from}))::float8 / 3600`);

/** Median and 90th percentile of an interval, over the priority clusters found by one source. */
function percentiles(name: string, at: 'triaged_at' | 'fixed_at', source: 'customer' | 'internal') {
  const where = Prisma.raw(`counts_as_priority and ${at} is not null and finder_source = '${source}'`);
  return Prisma.sql`(count(*) filter (where ${where}))::int as ${Prisma.raw(`${name}_n`)},
    percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${hoursBetween('found_at', at)})
      filter (where ${where}) as ${Prisma.raw(name)}`;
}

/**
 * Every figure of a release or a program in one statement: the cluster CTEs, then one pass of
 * grouping sets over the clusters (all together, by level, by component, by release). Levels below
 * the threshold come along for the split by level; the other groups count priority clusters only.
 */
export async function computeFigures(
  prisma: PrismaClient,
  scope: { programId: string; releaseId: string | null },
): Promise<Figures> {
  const program = await prisma.program.findUnique({
    where: { id: scope.programId },
    select: { priorityLevels: true, priorityThreshold: true, notActionableLabels: true },
  });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  const thresholdIndex = program.priorityLevels.indexOf(program.priorityThreshold);
  const settings: StatsSettings = {
    priorityLevels: program.priorityLevels,
    priorityThreshold: program.priorityThreshold,
    priorityLevelsCounted: thresholdIndex < 0 ? [] : program.priorityLevels.slice(0, thresholdIndex + 1),
    notActionableLabels: program.notActionableLabels,
  };
  const byRelease = scope.releaseId === null;
  // A release's reports are its program's: counting by release alone is an index-only scan of
  // Report(releaseId, duplicateOfId), where adding the program would read every row.
  const reportScope = scope.releaseId ? { releaseId: scope.releaseId } : { programId: scope.programId };

  const [rows, reports, clusters] = await Promise.all([
    queryStats<FigureRow[]>(
      prisma,
      Prisma.sql`${storedClusterCtes({ ...scope, scope: 'labelled' })}
      select grouping(priority)::int as g_level, grouping(component)::int as g_component,
             ${byRelease ? Prisma.sql`grouping(release_id)::int` : Prisma.sql`1`} as g_release,
             priority as level, component, ${byRelease ? Prisma.sql`release_id::text` : Prisma.sql`null::text`} as release_id,
             (count(*) filter (where counts_as_priority))::int as p_clusters,
             (count(*) filter (where counts_as_priority and finder_source = 'customer'))::int as p_customer,
             (count(*) filter (where counts_as_priority and customer_only))::int as p_customer_only,
             count(*)::int as a_clusters,
             (count(*) filter (where finder_source = 'customer'))::int as a_customer,
             (count(*) filter (where customer_only))::int as a_customer_only,
             ${percentiles('triage_customer', 'triaged_at', 'customer')},
             ${percentiles('triage_internal', 'triaged_at', 'internal')},
             ${percentiles('fix_customer', 'fixed_at', 'customer')},
             ${percentiles('fix_internal', 'fixed_at', 'internal')}
      from cluster
      group by grouping sets ((), (priority), (component)${byRelease ? Prisma.sql`, (release_id)` : Prisma.empty})`,
    ),
    prisma.report.count({ where: reportScope }),
    prisma.report.count({ where: { ...reportScope, duplicateOfId: null } }),
  ]);

  const overall = rows.find((row) => row.g_level && row.g_component && row.g_release);
  const priorityOf = (row: FigureRow | undefined) =>
    figuresOf(row?.p_clusters ?? 0, row?.p_customer ?? 0, row?.p_customer_only ?? 0);
  const duration = (n: number | undefined, values: number[] | null | undefined) => ({
    clusters: n ?? 0,
    medianHours: values?.[0] ?? null,
    p90Hours: values?.[1] ?? null,
  });
  const levelRows = new Map(rows.filter((row) => !row.g_level).map((row) => [row.level, row]));

  return {
    programId: scope.programId,
    settings,
    reports,
    clusters,
    priority: priorityOf(overall),
    byLevel: program.priorityLevels.map((level, index) => {
      const row = levelRows.get(level);
      const countsAsPriority = thresholdIndex >= 0 && index <= thresholdIndex;
      // Below the threshold a level has no priority clusters; its actionable clusters stand in.
      return {
        level,
        countsAsPriority,
        ...figuresOf(row?.a_clusters ?? 0, row?.a_customer ?? 0, row?.a_customer_only ?? 0),
      };
    }),
    byComponent: rows
      .filter((row) => !row.g_component && row.p_clusters > 0)
      .map((row) => ({ component: row.component, ...priorityOf(row) }))
      .sort((a, b) => b.clusters - a.clusters || (a.component ?? '').localeCompare(b.component ?? '')),
    timeToTriage: {
      customer: duration(overall?.triage_customer_n, overall?.triage_customer),
      internal: duration(overall?.triage_internal_n, overall?.triage_internal),
    },
    timeToFix: {
      customer: duration(overall?.fix_customer_n, overall?.fix_customer),
      internal: duration(overall?.fix_internal_n, overall?.fix_internal),
    },
    byRelease: new Map(
      rows.filter((row) => !row.g_release && row.release_id).map((row) => [row.release_id!, priorityOf(row)]),
    ),
  };
}
