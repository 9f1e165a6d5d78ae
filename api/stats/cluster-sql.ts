import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';

/**
 * Which canonical reports start a cluster:
 * - `labelled`: actionable canonicals carrying any priority level (the figures, the leaderboard);
 * - `priority`: actionable canonicals at or above the threshold;
 * - `all`: every canonical report.
 */
export type ClusterScope = 'labelled' | 'priority' | 'all';

export type ClusterFilter = {
  programId: string;
  releaseId?: string | null | undefined;
  scope: ClusterScope;
  level?: string | undefined;
  /** A component name, or null for clusters without one. */
  component?: string | null | undefined;
  /** Only these canonical reports (the members of a page of the cluster list). */
  canonicalIds?: string[] | undefined;
};

/**
 * The conditions of the filter on clusters read as `r` from "ReportCluster" (its copy of the
 * canonical's facts), and what the scope keeps of them (over the columns `classified` adds).
 */
function scopeOf(filter: ClusterFilter) {
  // A release's reports are its program's, so a release alone narrows them (one index, not two).
  const conditions: Prisma.Sql[] = [
    filter.releaseId
      ? Prisma.sql`r."releaseId" = ${filter.releaseId}::uuid`
      : Prisma.sql`r."programId" = ${filter.programId}::uuid`,
  ];
  if (filter.level !== undefined) conditions.push(Prisma.sql`r.priority = ${filter.level}`);
  if (filter.component !== undefined)
    conditions.push(
      filter.component === null ? Prisma.sql`r.component is null` : Prisma.sql`r.component = ${filter.component}`,
    );
  if (filter.canonicalIds)
    conditions.push(
      filter.canonicalIds.length
        ? Prisma.sql`r."rootId" in (${Prisma.join(filter.canonicalIds.map((each) => Prisma.sql`${each}::uuid`))})`
        : Prisma.sql`false`,
    );
  const scoped =
    filter.scope === 'all'
      ? Prisma.sql`true`
      : filter.scope === 'priority'
        ? Prisma.sql`actionable and counts_as_priority`
        : Prisma.sql`actionable and level_index is not null`;
  return { where: Prisma.join(conditions, ' and '), scoped };
}

/**
 * `settings`: the program's levels, threshold and not-actionable labels. Materialized so the
 * lower-cased labels are made once, not once per report.
 */
const settingsCte = (programId: string) => Prisma.sql`
settings as materialized (
  select p."priorityLevels" as levels,
         array_position(p."priorityLevels", p."priorityThreshold") as threshold,
         array(select lower(label) from unnest(p."notActionableLabels") as label) as not_actionable
  from "Program" p
  where p.id = ${programId}::uuid
)`;

/**
 * A canonical report's facts as the statistics read them, from `r` (see scopeOf) and `settings`:
 * its level's position, whether the level counts as priority, and whether it is actionable. Decided
 * at read time from the program's current settings. A canonical closed as duplicate is one whose
 * original GitHub does not record (README decision 49): not actionable; so is one carrying a label
 * the program marks as not actionable (compared case-insensitively, as GitHub's labels are).
 */
const classified = Prisma.sql`
  r."releaseId" as release_id, r.priority, r.component, r.status::text as status,
  r."triagedAt" as triaged_at, r."fixedAt" as fixed_at,
  array_position(s.levels, r.priority) as level_index,
  coalesce(array_position(s.levels, r.priority) <= s.threshold, false) as counts_as_priority,
  (r.status not in ('not_planned', 'duplicate') and r."issueDeletedAt" is null and not (r."labelsLower" && s.not_actionable)) as actionable`;

/**
 * The CTEs `settings`, `candidate` and `cluster`: one row per cluster in scope, read from the
 * clusters the triggers keep in "ReportCluster" (migration report_clusters): the canonical's facts,
 * the finder and the members counted by source. No walk down duplicate chains and no read of the
 * reports, so a release's figures are one scan of its clusters (at a million reports, 40,000 rows
 * of one table instead of 200,000 reports and their "me too"s). The canonical's title, issue URL
 * and own filing are the caller's to join from "Report".
 *
 * Who found a cluster is decided in one place only, the trigger function report_cluster_refresh
 * (the entry created first; ties: a report before a me-too, then the lower id): every statistic
 * reads it from here.
 */
function storedClusters(filter: ClusterFilter): Prisma.Sql {
  const { where, scoped } = scopeOf(filter);
  return Prisma.sql`${settingsCte(filter.programId)},
candidate as (
  select r."rootId" as id, ${classified},
         r."foundAt" as found_at, r.members, r."customerMembers" as customer_members,
         r."internalMembers" as internal_members, r."internalMembers" = 0 as customer_only,
         r."finderSource" as finder_source, r."finderKind" as finder_kind, r."finderEntryId" as finder_entry_id,
         r."finderReportId" as finder_report_id, r."finderUserId" as finder_user_id
  from "ReportCluster" r
  cross join settings s
  where ${where}
),
cluster as (
  select * from candidate where ${scoped}
)`;
}

/** The clusters in scope (storedClusters), for figures that need no single entry. */
export function storedClusterCtes(filter: ClusterFilter): Prisma.Sql {
  return Prisma.sql`with ${storedClusters(filter)}`;
}

/**
 * The clusters in scope (storedClusters) and every entry of each, for the statistics that need
 * them (the leaderboard's credit per person, the members of a page of clusters):
 *
 * - `member`: each canonical and every report whose duplicateOfId chain leads to it, walked down
 *   through the duplicateOfId index (the LATERAL subquery with `offset 0` is not pulled up, so the
 *   planner cannot hash the whole Report table at every step of the recursion);
 * - `entry`: those reports plus the "me too" co-finders said on any of them, each with its own
 *   creation time, source and person (`kind` 0 a report, 1 a "me too"); the cluster's finder is
 *   the entry with `cluster.finder_kind` and `cluster.finder_entry_id`.
 *
 * Duplicate chains that loop never reach a canonical report, so the walk always ends.
 */
export function clusterCtes(filter: ClusterFilter): Prisma.Sql {
  return Prisma.sql`
with recursive ${storedClusters(filter)},
member (id, root) as (
  select c.id, c.id from cluster c
  union all
  select d.id, m.root
  from member m
  cross join lateral (select r.id from "Report" r where r."duplicateOfId" = m.id offset 0) d
),
entry as materialized (
  select m.root, r."createdAt" as at, r.source::text as source, 0 as kind, r.id as entry_id,
         r.id as report_id, r."reporterId" as user_id
  from member m
  join "Report" r on r.id = m.id
  union all
  select m.root, f."createdAt", f.source::text, 1, f.id, f."reportId", f."userId"
  from member m
  join "ReportFinder" f on f."reportId" = m.id
)`;
}

/**
 * Runs a statistics statement with JIT off: the recursive CTE's row estimates are far above what it
 * returns, which makes PostgreSQL JIT-compile the plan (about 0.9 s measured) for a query that then
 * runs in a fraction of that. `set local` ends with the transaction.
 */
export async function queryStats<T>(prisma: PrismaClient, statement: Prisma.Sql): Promise<T> {
  const [, rows] = await prisma.$transaction([prisma.$executeRaw`set local jit = off`, prisma.$queryRaw<T>(statement)]);
  return rows;
}
