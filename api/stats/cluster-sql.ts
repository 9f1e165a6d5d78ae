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
 * The `with recursive` part every statistic starts from, as CTEs the caller's `select` reads:
 *
 * - `canonical`: canonical reports (duplicateOfId null) of the program in scope, with their level's
 *   position, whether it counts as priority, and whether the canonical is actionable;
 * - `member`: each canonical and every report whose duplicateOfId chain leads to it, walked down
 *   through the duplicateOfId index (the LATERAL subquery with `offset 0` is not pulled up, so the
 *   planner cannot hash the whole Report table at every step of the recursion);
 * - `entry`: those reports plus the "me too" co-finders said on any of them, each with its own
 *   creation time and source;
 * - `cluster`: one row per canonical with the finder (the entry created first; ties: a report
 *   before a me-too, then the lower id) and the members counted by source.
 *
 * Duplicate chains that loop never reach a canonical report, so the walk always ends.
 */
export function clusterCtes(filter: ClusterFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`r."programId" = ${filter.programId}::uuid`,
    Prisma.sql`r."duplicateOfId" is null`,
  ];
  if (filter.releaseId) conditions.push(Prisma.sql`r."releaseId" = ${filter.releaseId}::uuid`);
  if (filter.level !== undefined) conditions.push(Prisma.sql`r.priority = ${filter.level}`);
  if (filter.component !== undefined)
    conditions.push(
      filter.component === null ? Prisma.sql`r.component is null` : Prisma.sql`r.component = ${filter.component}`,
    );
  if (filter.canonicalIds)
    conditions.push(
      filter.canonicalIds.length
        ? Prisma.sql`r.id in (${Prisma.join(filter.canonicalIds.map((id) => Prisma.sql`${id}::uuid`))})`
        : Prisma.sql`false`,
    );
  const scoped =
    filter.scope === 'all'
      ? Prisma.sql`true`
      : filter.scope === 'priority'
        ? Prisma.sql`actionable and counts_as_priority`
        : Prisma.sql`actionable and level_index is not null`;

  return Prisma.sql`
with recursive
settings as (
  select p."priorityLevels" as levels,
         array_position(p."priorityLevels", p."priorityThreshold") as threshold,
         array(select lower(label) from unnest(p."notActionableLabels") as label) as not_actionable
  from "Program" p
  where p.id = ${filter.programId}::uuid
),
candidate as (
  select r.id, r."releaseId" as release_id, r.priority, r.component, r.title, r.status::text as status,
         r."issueUrl" as issue_url, r."createdAt" as created_at, r.source::text as source,
         r."reporterId" as reporter_id, r."triagedAt" as triaged_at, r."fixedAt" as fixed_at,
         array_position(s.levels, r.priority) as level_index,
         coalesce(array_position(s.levels, r.priority) <= s.threshold, false) as counts_as_priority,
         (r.status <> 'not_planned' and r."issueDeletedAt" is null
          and not exists (select 1 from unnest(r."issueLabels") as label where lower(label) = any (s.not_actionable))
         ) as actionable
  from "Report" r
  cross join settings s
  where ${Prisma.join(conditions, ' and ')}
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
