import { randomUUID } from 'node:crypto';
import { uuid7 } from '../../api/lib/uuid7.ts';
import { filingLimits } from '../../api/reports/reports.schemas.ts';
import type { BenchServer } from './bench-server.ts';
import { describe, measure } from './measure.ts';

const text = {
  steps: '1. Open a long document\n2. Print it to any printer',
  expected: 'Every page prints',
  actual: 'Only the first page prints',
};

/**
 * A program with a release in testing and internal testers enough for `clients` clients filing for
 * `seconds`: each client files as one tester until that tester's burst is spent (filingLimits), then
 * as the next, so that every request is a filing the allowance lets through, its bucket taken like
 * any other. Made beforehand for rates far above any measured (250 filings a second per client).
 * `file` sends one filing and answers its status.
 */
export async function prepareFiling(server: BenchServer, options: { seconds: number; clients: number }) {
  const { prisma } = server;
  const program = await prisma.program.create({
    data: {
      name: `Filing bench ${randomUUID()}`,
      product: 'Bench',
      githubRepo: 'bench/app',
      priorityLevels: ['P0', 'P1'],
      priorityLabels: [],
      priorityThreshold: 'P1',
    },
    select: { id: true },
  });
  const release = await prisma.release.create({
    data: {
      programId: program.id,
      version: '1.0',
      build: '1',
      testStart: new Date(Date.now() - 3_600_000),
      testEnd: new Date(Date.now() + 86_400_000),
      instructions: '',
      status: 'testing',
    },
    select: { id: true },
  });
  const { burst } = filingLimits.staff;
  const perClient = Math.ceil((options.seconds * 250) / burst);
  const testers: { cookie: string; userId: string }[][] = [];
  for (let worker = 0; worker < options.clients; worker++) {
    testers.push(await Promise.all(Array.from({ length: perClient }, () => server.sessionFor('internal_tester'))));
  }
  // Internal testers file only into the programs they are members of.
  await prisma.programMember.createMany({
    data: testers.flat().map((tester) => ({ programId: program.id, userId: tester.userId })),
  });
  const testerFor = (worker: number, n: number) => {
    const tester = testers[worker]![Math.floor(n / burst)];
    if (!tester) throw new Error(`client ${worker} filed more than ${perClient * burst} reports: make more testers`);
    return tester;
  };
  const url = `${server.url}/api/reports`;
  const file = async (worker: number, n: number) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { cookie: testerFor(worker, n).cookie, 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({
        releaseId: release.id,
        title: `Printing stops after page ${n} (${worker})`,
        ...text,
        severity: 'major',
        environment: { os: 'Windows 11', browser: 'Edge 131' },
        clientKey: randomUUID(),
      }),
    });
    const body = await response.text();
    if (response.status !== 201 && response.status !== 503)
      throw new Error(`POST /api/reports answered ${response.status}: ${body}`);
    return response.status;
  };
  return { programId: program.id, releaseId: release.id, testerFor, file };
}

/**
 * Filing through POST /api/reports (session, validation, release checks, transaction, timeline)
 * against plain Prisma inserts of the same rows (the report, its first timeline event and its sync job).
 */
export async function benchFiling(server: BenchServer, options: { seconds: number; concurrency: number }) {
  const { prisma } = server;
  const { programId, releaseId, testerFor, file } = await prepareFiling(server, {
    seconds: options.seconds,
    clients: options.concurrency,
  });
  const api = await measure(async (worker, n) => {
    const status = await file(worker, n);
    if (status !== 201) throw new Error(`POST /api/reports answered ${status}`);
  }, options);
  const raw = await measure(async (worker, n) => {
    const id = uuid7();
    await prisma.report.create({
      data: {
        id,
        programId,
        releaseId,
        reporterId: testerFor(worker, n).userId,
        source: 'internal',
        title: `Printing stops after page ${n} (${worker})`,
        ...text,
        severity: 'major',
        environment: { os: 'Windows 11', browser: 'Edge 131' },
        clientKey: randomUUID(),
        events: { create: { kind: 'filed', actorId: testerFor(worker, n).userId, data: {} } },
        syncJobs: { create: { kind: 'create_issue', key: `create_issue:${id}`, programId } },
      },
      select: { id: true },
    });
  }, options);
  return `filing          POST /api/reports ${describe(api)} | plain Prisma inserts ${describe(raw, '/s')} | ratio API/raw ${(api.perSecond / raw.perSecond).toFixed(2)} (goal on PostgreSQL: ≥ 0.5, p99 < 50 ms)`;
}
