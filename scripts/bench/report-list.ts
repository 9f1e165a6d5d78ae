import type { BenchServer } from './bench-server.ts';
import { fixed, sample } from './measure.ts';

/** Seeds a program with `count` reports and times the staff list: first page, a deep page, filtered. */
export async function benchReportList(server: BenchServer, options: { count: number }) {
  const { prisma } = server;
  const program = await prisma.program.create({
    data: {
      name: `List bench ${Date.now()}`,
      product: 'Bench',
      githubRepo: 'bench/app',
      priorityLevels: ['P0', 'P1', 'P2'],
      priorityLabels: [],
      priorityThreshold: 'P1',
    },
    select: { id: true },
  });
  const releases = await Promise.all(
    ['1.0', '1.1', '2.0'].map((version) =>
      prisma.release.create({
        data: {
          programId: program.id,
          version,
          build: version,
          testStart: new Date(),
          testEnd: new Date(Date.now() + 86_400_000),
          instructions: '',
          status: 'testing',
        },
        select: { id: true },
      }),
    ),
  );
  const { cookie, userId } = await server.sessionFor('engineer');
  // Engineers read the reports of the programs they are members of.
  await prisma.programMember.create({ data: { programId: program.id, userId } });
  const batch = 5000;
  const t0 = performance.now();
  for (let start = 0; start < options.count; start += batch) {
    await prisma.report.createMany({
      data: Array.from({ length: Math.min(batch, options.count - start) }, (_, offset) => {
        const n = start + offset;
        return {
          programId: program.id,
          releaseId: releases[n % releases.length]!.id,
          reporterId: userId,
          source: n % 4 === 0 ? ('internal' as const) : ('customer' as const),
          status: n % 7 === 0 ? ('triaged' as const) : ('new' as const),
          priority: n % 7 === 0 ? 'P1' : null,
          title: `Report ${n}: ${n % 13 === 0 ? 'printing' : 'sync'} problem in module ${n % 50}`,
          steps: 'Steps to reproduce the problem',
          expected: 'It works',
          actual: 'It does not',
          severity: 'minor' as const,
          environment: {},
        };
      }),
    });
  }
  const seeded = (performance.now() - t0) / 1000;

  const get = async (query: string) => {
    const response = await fetch(`${server.url}/api/programs/${program.id}/reports?${query}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`list answered ${response.status}`);
    return (await response.json()) as { items: unknown[]; nextCursor: string | null };
  };
  // A cursor deep into the list: the id of the report half-way down.
  const middle = await prisma.report.findFirst({
    where: { programId: program.id },
    orderBy: { id: 'desc' },
    skip: Math.floor(options.count / 2),
    select: { id: true },
  });
  const runs = 30;
  const first = await sample(() => get('limit=50').then(() => {}), runs);
  const deep = await sample(() => get(`limit=50&cursor=${middle!.id}`).then(() => {}), runs);
  const filtered = await sample(
    () => get(`limit=50&status=triaged&source=customer&releaseId=${releases[1]!.id}`).then(() => {}),
    runs,
  );
  const text = await sample(() => get('limit=50&q=printing').then(() => {}), runs);
  return [
    `report list     ${options.count} reports seeded in ${seeded.toFixed(1)} s; GET /api/programs/{id}/reports, 50 a page, ${runs} runs each (p50 / p95 ms):`,
    `                first page ${fixed(first.p50)} / ${fixed(first.p95)} | page at the middle ${fixed(deep.p50)} / ${fixed(deep.p95)} | three filters ${fixed(filtered.p50)} / ${fixed(filtered.p95)} | text ${fixed(text.p50)} / ${fixed(text.p95)}`,
  ].join('\n');
}
