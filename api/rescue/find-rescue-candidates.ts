import { Prisma } from '../generated/prisma/client.ts';
import type { RescueCandidate, RescueReproduction } from './rescue.schemas.ts';

type Db = Pick<Prisma.TransactionClient, '$queryRaw'>;

type ReproductionRow = {
  canonical_id: string;
  title: string;
  release_id: string;
  release_version: string;
  status: RescueCandidate['status'];
  priority: string | null;
  issue_url: string | null;
  customers: number;
  reproductions: number;
  newest_at: Date;
  window_days: number;
  kind: RescueReproduction['kind'];
  report_id: string;
  customer: string;
  at: Date;
  note: string;
  os: string | null;
  browser: string | null;
  build: string | null;
};

/**
 * The clusters of a program that belong on its Rescue list now, with their evidence; `reportId`
 * narrows it to one canonical report (sending it back checks it still belongs there). The rule lives
 * here alone (rescueDefinitions say it in words):
 *
 * - the canonical report is closed as not planned, or open without any priority level (synced or
 *   needs_info), its issue not deleted, and it was never sent back;
 * - reproductions are customers' "me too"s on any report of the cluster, customers' reports closed
 *   into it as duplicates, and customers' "still broken" answers, each timed when it was made. The
 *   canonical report itself is not one: its reporter counts only when they reproduce it again;
 * - within the program's window before `now`, at least `rescueThreshold` distinct customers.
 *
 * One statement. Every reproducing customer is a customer member of the cluster (a "still broken"
 * answer comes from a finder), so clusters with fewer customer members than the threshold are left
 * out from "ReportCluster" (kept by triggers, decision 31) before any duplicate chain is walked.
 */
export async function findRescueCandidates(
  db: Db,
  options: { programId: string; now: Date; reportId?: string },
): Promise<RescueCandidate[]> {
  const { programId, now } = options;
  const only = options.reportId ? Prisma.sql`and k."rootId" = ${options.reportId}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw<ReproductionRow[]>`
with recursive settings as materialized (
  select p."rescueThreshold" as threshold, p."rescueWindowDays" as window_days,
         ${now}::timestamp(3) - make_interval(days => p."rescueWindowDays") as since
  from "Program" p
  where p.id = ${programId}::uuid
),
canonical as materialized (
  select k."rootId" as id
  from "ReportCluster" k
  cross join settings s
  where k."programId" = ${programId}::uuid
    and k."customerMembers" >= s.threshold
    and k."issueDeletedAt" is null
    and (k.status = 'not_planned' or (k.status in ('synced', 'needs_info') and k.priority is null))
    and not exists (select 1 from "RescueRequest" q where q."reportId" = k."rootId")
    ${only}
),
member (id, root) as (
  select c.id, c.id from canonical c
  union all
  select d.id, m.root
  from member m
  cross join lateral (select r.id from "Report" r where r."duplicateOfId" = m.id offset 0) d
),
reproduction as materialized (
  select m.root, 'me_too'::text as kind, f.id as entry_id, f."reportId" as report_id, f."userId" as user_id,
         f."createdAt" as at, f.note, f.environment
  from member m
  join "ReportFinder" f on f."reportId" = m.id
  cross join settings s
  where f.source = 'customer' and f."createdAt" >= s.since
  union all
  select m.root, 'duplicate', r.id, r.id, r."reporterId", r."createdAt", r.title, r.environment
  from member m
  join "Report" r on r.id = m.id
  cross join settings s
  where m.id <> m.root and r.source = 'customer' and r."reporterId" is not null and r."createdAt" >= s.since
  union all
  select m.root, 'still_broken', v.id, v."reportId", v."userId", v."answeredAt", coalesce(v.note, ''),
         coalesce(v.environment, '{}'::jsonb)
  from member m
  join "Verification" v on v."reportId" = m.id
  cross join settings s
  where v.status = 'still_broken' and v.source = 'customer' and v."answeredAt" >= s.since
),
qualified as (
  select x.root, count(distinct x.user_id)::int as customers, count(*)::int as reproductions,
         max(x.at) as newest_at
  from reproduction x
  group by x.root
  having count(distinct x.user_id) >= (select threshold from settings)
)
select q.root::text as canonical_id, r.title, r."releaseId"::text as release_id, rel.version as release_version,
       r.status::text as status, r.priority, r."issueUrl" as issue_url,
       q.customers, q.reproductions, q.newest_at, (select window_days from settings) as window_days,
       x.kind, x.report_id::text as report_id, coalesce(mp.handle, 'an MVP') as customer, x.at, x.note,
       nullif(x.environment->>'os', '') as os, nullif(x.environment->>'browser', '') as browser,
       nullif(x.environment->>'build', '') as build
from qualified q
join "Report" r on r.id = q.root
join "Release" rel on rel.id = r."releaseId"
join reproduction x on x.root = q.root
left join "MvpProfile" mp on mp."userId" = x.user_id
order by q.customers desc, q.newest_at desc, q.root, x.at desc, x.entry_id`;

  const byCluster = new Map<string, RescueCandidate>();
  for (const row of rows) {
    let candidate = byCluster.get(row.canonical_id);
    if (!candidate) {
      candidate = {
        canonicalId: row.canonical_id,
        title: row.title,
        releaseId: row.release_id,
        releaseVersion: row.release_version,
        status: row.status,
        priority: row.priority,
        issueUrl: row.issue_url,
        evidence: {
          customers: row.customers,
          reproductions: row.reproductions,
          newestAt: row.newest_at.toISOString(),
          windowDays: row.window_days,
          environments: [],
          items: [],
        },
      };
      byCluster.set(row.canonical_id, candidate);
    }
    candidate.evidence.items.push({
      kind: row.kind,
      reportId: row.report_id,
      customer: row.customer,
      at: row.at.toISOString(),
      note: row.note,
      os: row.os,
      browser: row.browser,
      build: row.build,
    });
  }
  const candidates = [...byCluster.values()];
  for (const candidate of candidates) candidate.evidence.environments = environmentsOf(candidate.evidence.items);
  return candidates;
}

/** Reproductions counted by operating system, browser and build together, most first. */
function environmentsOf(items: RescueReproduction[]): RescueCandidate['evidence']['environments'] {
  const counted = new Map<string, { os: string | null; browser: string | null; build: string | null; count: number }>();
  for (const item of items) {
    const key = JSON.stringify([item.os, item.browser, item.build]);
    const entry = counted.get(key) ?? { os: item.os, browser: item.browser, build: item.build, count: 0 };
    entry.count += 1;
    counted.set(key, entry);
  }
  const label = (entry: { os: string | null; browser: string | null; build: string | null }) =>
    [entry.os, entry.browser, entry.build].map((part) => part ?? '').join('\u0000');
  return [...counted.values()].sort((a, b) => b.count - a.count || label(a).localeCompare(label(b)));
}
