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
 * The conditions of the filter on canonical reports read as `r`, which is either "Report" or
 * "ReportCluster" (its copy of the canonical's facts has the same column names, labels aside),
 * and what the scope keeps of them (over the columns `classified` adds).
 */
function scopeOf(filter: ClusterFilter, id: Prisma.Sql) {
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
        ? Prisma.sql`${id} in (${Prisma.join(filter.canonicalIds.map((each) => Prisma.sql`${each}::uuid`))})`
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
 * original GitHub does not record (README decision 49): not actionable. `notActionable`: whether `r` carries a label
 * the program marks as not actionable, compared case-insensitively.
 */
const classified = (notActionable: Prisma.Sql) => Prisma.sql`
  r."releaseId" as release_id, r.priority, r.component, r.status::text as status,
  r."triagedAt" as triaged_at, r."fixedAt" as fixed_at,
  array_position(s.levels, r.priority) as level_index,
  coalesce(array_position(s.levels, r.priority) <= s.threshold, false) as counts_as_priority,
  (r.status not in ('not_planned', 'duplicate') and r."issueDeletedAt" is null and not (${notActionable})) as actionable`;

/**
 * One row per cluster in scope, with the same columns as the `cluster` of clusterCtes except the
 * canonical's title, issue URL and own filing (join "Report" for those), read from the clusters
 * the triggers keep in "ReportCluster" (migration report_clusters): the canonical's facts, the
 * finder and the members counted by source. No walk down duplicate chains and no read of the
 * reports, so a release's figures are one scan of its clusters (at a million reports, 40,000 rows
 * of one table instead of 200,000 reports and their "me too"s).
 */
export function storedClusterCtes(filter: ClusterFilter): Prisma.Sql {
  const { where, scoped } = scopeOf(filter, Prisma.sql`r."rootId"`);
  return Prisma.sql`
with ${settingsCte(filter.programId)},
candidate as (
  select r."rootId" as id, ${classified(Prisma.sql`r."labelsLower" && s.not_actionable`)},
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

/**
 * The `with recursive` part the statistics that need every entry start from (the leaderboard's
 * credit per person, the members of a page of clusters), as CTEs the caller's `select` reads:
 *
 * - `settings`: see settingsCte; `candidate`: canonical reports (duplicateOfId null) in the filter,
 *   with their facts classified; `canonical`: those the scope keeps;
 * - `member`: each canonical and every report whose duplicateOfId chain leads to it, walked down
 *   through the duplicateOfId index (the LATERAL subquery with `offset 0` is not pulled up, so the
 *   planner cannot hash the whole Report table at every step of the recursion);
 * - `entry`: those reports plus the "me too" co-finders said on any of them, each with its own
 *   creation time and source;
 * - `cluster`: one row per canonical with the finder (the entry created first; ties: a report
 *   before a me-too, then the lower id) and the members counted by source. The trigger function
 *   report_cluster_refresh computes the same for "ReportCluster"; change both together.
 *
 * Duplicate chains that loop never reach a canonical report, so the walk always ends.
 */
export function clusterCtes(filter: ClusterFilter): Prisma.Sql {
  const { where, scoped } = scopeOf(filter, Prisma.sql`r.id`);
  return Prisma.sql`
with recursive ${settingsCte(filter.programId)},
candidate as (
  select r.id,
         ${classified(Prisma.sql`exists (select 1 from unnest(r."issueLabels") as label where lower(label) = any (s.not_actionable))`)},
         r.title, r."issueUrl" as issue_url, r."createdAt" as created_at,
         r.source::text as source, r."reporterId" as reporter_id
  from "Report" r
  cross join settings s
  where r."duplicateOfId" is null and ${where}
),
canonical as materialized (
  select * from candidate where ${scoped}
),
member (id, root, created_at, source, reporter_id) as (
  select c.id, c.id, c.created_at, c.source, c.reporter_id from canonical c
  union all
  select d.id, m.root, d."createdAt", d.source::text, d."reporterId"
  from member m
  cross join lateral (
    select r.id, r."createdAt", r.source, r."reporterId" from "Report" r where r."duplicateOfId" = m.id offset 0
  ) d
),
entry as materialized (
  select m.root, m.created_at as at, m.source, 0 as kind, m.id as entry_id, m.id as report_id, m.reporter_id as user_id
  from member m
  union all
  select m.root, f."createdAt", f.source::text, 1, f.id, f."reportId", f."userId"
  from member m
  join "ReportFinder" f on f."reportId" = m.id
),
tally as (
  select e.root, min(e.at) as found_at, count(*)::int as members,
         (count(*) filter (where e.source = 'customer'))::int as customer_members,
         (count(*) filter (where e.source = 'internal'))::int as internal_members
  from entry e
  group by e.root
),
first_entry as (
  select distinct on (e.root) e.root, e.source, e.kind, e.entry_id, e.report_id, e.user_id
  from entry e
  join tally t on t.root = e.root and t.found_at = e.at
  order by e.root, e.kind, e.entry_id
),
cluster as (
  select c.*, t.found_at, t.members, t.customer_members, t.internal_members,
         t.internal_members = 0 as customer_only,
         fe.source as finder_source, fe.kind as finder_kind, fe.entry_id as finder_entry_id,
         fe.report_id as finder_report_id, fe.user_id as finder_user_id
  from canonical c
  join tally t on t.root = c.id
  join first_entry fe on fe.root = c.id
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
