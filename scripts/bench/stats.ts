import type { BenchServer } from './bench-server.ts';
import { fixed, sample } from './measure.ts';

/**
 * Generates a program of `reports` reports in `clusters` clusters (each a canonical report and its
 * duplicates, filed release after release so each release's rows lie together, as they do when
 * filed over time; a fifth of the clusters with a "me too"), then times GET /api/releases/{id}/stats
 * through HTTP against one hand-written SQL aggregate of the same share over the same rows.
 * Rows are inserted set-based (INSERT … SELECT generate_series): a million take under a minute.
 */
export async function benchStats(
  server: BenchServer,
  options: { reports: number; clusters: number; releases: number; runs?: number },
) {
  const { prisma } = server;
  const runs = options.runs ?? 30;
  const perCluster = Math.max(1, Math.round(options.reports / options.clusters));
  const program = await prisma.program.create({
    data: {
      name: `Stats bench ${Date.now()}`,
      product: 'Bench',
      githubRepo: 'bench/app',
      priorityLevels: ['P0', 'P1', 'P2', 'P3'],
      priorityLabels: [],
      priorityThreshold: 'P1',
      notActionableLabels: ['invalid', 'wontfix'],
      components: ['Sync', 'Printing', 'Editor'],
    },
    select: { id: true },
  });
  const releaseIds: string[] = [];
  for (let index = 0; index < options.releases; index += 1) {
    const release = await prisma.release.create({
      data: {
        programId: program.id,
        version: `${index + 1}.0`,
        build: `${index + 1}`,
        testStart: new Date(Date.UTC(2026, index, 1)),
        testEnd: new Date(Date.UTC(2026, index, 28)),
        instructions: '',
        status: 'shipped',
      },
      select: { id: true },
    });
    releaseIds.push(release.id);
  }
  const t0 = performance.now();
  await prisma.$executeRaw`
    insert into "User" (id, email, name, role, "updatedAt")
    select md5('bench-user-' || n || ${program.id})::uuid, 'bench-' || n || '-' || ${program.id} || '@example.test',
           'Bench ' || n, case when n < 200 then 'mvp'::"Role" else 'internal_tester'::"Role" end, now()
    from generate_series(0, 219) as n`;
  await prisma.$executeRaw`
    insert into "MvpProfile" ("userId", company, handle, platforms, devices, "updatedAt")
    select md5('bench-user-' || n || ${program.id})::uuid, 'C', 'bench-' || n || '-' || left(${program.id}, 8), '{}', '{}', now()
    from generate_series(0, 199) as n`;
  // Cluster c: canonical (k = 0) and perCluster - 1 duplicates, some filed before it; sources mixed.
  await prisma.$executeRaw`
    insert into "Report" (id, "programId", "releaseId", "reporterId", source, title, steps, expected, actual,
      severity, component, environment, status, priority, "createdAt", "updatedAt", "issueLabels",
      "duplicateOfId", "triagedAt", "fixedAt")
    select case when k = 0 then md5('c' || c || ${program.id})::uuid else md5('d' || c || '-' || k || ${program.id})::uuid end,
      ${program.id}::uuid,
      (${releaseIds}::uuid[])[1 + (c::bigint * ${options.releases} / ${options.clusters})],
      md5('bench-user-' || case when (c + k) % 3 = 0 then 200 + (c + k) % 20 else (c * 7 + k) % 200 end || ${program.id})::uuid,
      case when (c + k) % 3 = 0 then 'internal'::"ReportSource" else 'customer'::"ReportSource" end,
      'Bench finding ' || c || '-' || k, 'Steps to reproduce the problem', 'It works', 'It does not', 'minor'::"Severity",
      (array['Sync', 'Printing', 'Editor'])[1 + c % 3], '{}'::jsonb,
      case when k > 0 then 'duplicate'::"ReportStatus" when c % 10 = 0 then 'not_planned'::"ReportStatus"
           when c % 6 < 4 then 'triaged'::"ReportStatus" else 'synced'::"ReportStatus" end,
      case when k = 0 then (array['P0', 'P1', 'P2', 'P3', null, null])[1 + c % 6] end,
      timestamptz '2026-01-01' + c * interval '1 minute' + (k - 2) * interval '1 hour', now(),
      case when k = 0 and c % 6 < 4 then array['fieldtest', (array['P0', 'P1', 'P2', 'P3'])[1 + c % 6]]
           || case when c % 17 = 0 then array['wontfix'] else array[]::text[] end else array['fieldtest'] end,
      case when k > 0 then md5('c' || c || ${program.id})::uuid end,
      case when k = 0 and c % 6 < 4 then timestamptz '2026-01-01' + c * interval '1 minute' + (c % 48) * interval '1 hour' end,
      case when k = 0 and c % 6 < 4 and c % 4 = 0 then timestamptz '2026-01-01' + c * interval '1 minute' + interval '5 days' end
    from generate_series(0, ${options.clusters - 1}) as c, generate_series(0, ${perCluster - 1}) as k
    order by c, k`;
  await prisma.$executeRaw`
    insert into "ReportFinder" (id, "reportId", "userId", source, environment, note, "createdAt")
    select md5('f' || c || ${program.id})::uuid, md5('c' || c || ${program.id})::uuid,
           md5('bench-user-' || (c * 13) % 200 || ${program.id})::uuid, 'customer'::"ReportSource", '{}'::jsonb, '',
           timestamptz '2026-01-01' + c * interval '1 minute' - interval '3 hours'
    from generate_series(0, ${options.clusters - 1}, 5) as c`;
  // As autovacuum would have by then: statistics, and the visibility map for index-only scans.
  await prisma.$executeRawUnsafe('vacuum analyze "Report"');
  await prisma.$executeRawUnsafe('vacuum analyze "ReportFinder"');
  await prisma.$executeRawUnsafe('vacuum analyze "ReportCluster"');
  const seeded = (performance.now() - t0) / 1000;

  const { cookie } = await server.sessionFor('admin');
  const releaseId = releaseIds[Math.floor(options.releases / 2)]!;
  let share: number | null = null;
  const get = async () => {
    const response = await fetch(`${server.url}/api/releases/${releaseId}/stats`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`stats answered ${response.status}: ${await response.text()}`);
    share = ((await response.json()) as { priority: { share: number | null } }).priority.share;
  };
  // What one would write by hand knowing this data (duplicates one level deep): the same share.
  let reference: number | null = null;
  const handWritten = async () => {
    const [row] = await prisma.$queryRaw<{ share: number | null }[]>`
      with canonical as (
        select r.id from "Report" r
        where r."releaseId" = ${releaseId}::uuid and r."duplicateOfId" is null and r.priority in ('P0', 'P1')
          and r.status <> 'not_planned' and r."issueDeletedAt" is null
          and not (r."issueLabels" && array['invalid', 'wontfix', 'Invalid', 'Wontfix'])
      ),
      entry as (
        select c.id as root, r."createdAt" as at, r.source::text as source, 0 as kind, r.id as entry_id
        from canonical c join "Report" r on r.id = c.id or r."duplicateOfId" = c.id
        union all
        select c.id, f."createdAt", f.source::text, 1, f.id from canonical c join "ReportFinder" f on f."reportId" = c.id
      ),
      finder as (select distinct on (root) root, source from entry order by root, at, kind, entry_id)
      select (count(*) filter (where source = 'customer'))::float8 / nullif(count(*), 0) as share from finder`;
    reference = row?.share ?? null;
  };
  for (let warm = 0; warm < 3; warm += 1) {
    await get();
    await handWritten();
  }
  const api = await sample(get, runs);
  const raw = await sample(handWritten, runs);
  const agrees = share !== null && reference !== null && Math.abs(share - reference) < 1e-9;
  return [
    `stats           ${options.reports} reports in ${options.clusters} clusters over ${options.releases} releases seeded in ${seeded.toFixed(1)} s; GET /api/releases/{id}/stats, ${runs} runs (p50 / p95 ms):`,
    `                API ${fixed(api.p50)} / ${fixed(api.p95)} | hand-written SQL share ${fixed(raw.p50)} / ${fixed(raw.p95)} | ratio p95 API/SQL ${(api.p95 / raw.p95).toFixed(2)} | goal p95 < 200 ms: ${api.p95 < 200 ? 'met' : 'missed'} | same share: ${agrees ? 'yes' : `no (${share} vs ${reference})`}`,
  ].join('\n');
}
