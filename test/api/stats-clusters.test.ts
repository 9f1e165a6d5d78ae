import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSource } from '../../api/generated/prisma/enums.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The clusters the triggers keep in "ReportCluster" (migration report_clusters) against the
// definition recomputed here from the rows: each report belongs to the canonical report its
// duplicateOfId chain leads to (chains that loop belong nowhere); the finder is the entry created
// first (reports and "me too"s; ties: a report before a me-too, then the lower id).

const T0 = Date.parse('2026-01-10T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);

let server: TestServer;
let programId: string;
let releaseId: string;
let customerId: string;
let internalId: string;
const ids: Record<string, string> = {};

type Stored = {
  rootId: string;
  priority: string | null;
  status: string;
  foundAt: Date;
  finderSource: string;
  finderKind: number;
  finderEntryId: string;
  members: number;
  customerMembers: number;
  internalMembers: number;
};

async function file(key: string, hours: number, source: ReportSource, dupOf?: string) {
  const row = await server.prisma.report.create({
    data: {
      programId,
      releaseId,
      reporterId: source === 'customer' ? customerId : internalId,
      source,
      title: `Bug ${key}`,
      steps: 'Steps',
      expected: 'Expected',
      actual: 'Actual',
      severity: 'minor',
      environment: {},
      status: dupOf ? 'duplicate' : 'synced',
      duplicateOfId: dupOf ? ids[dupOf] : null,
      createdAt: at(hours),
    },
    select: { id: true },
  });
  ids[key] = row.id;
}

/** The clusters as defined, from the rows as they are now. */
async function expectedClusters(): Promise<Stored[]> {
  const reports = await server.prisma.report.findMany({
    where: { programId },
    select: { id: true, duplicateOfId: true, createdAt: true, source: true, priority: true, status: true },
  });
  const finders = await server.prisma.reportFinder.findMany({
    where: { report: { programId } },
    select: { id: true, reportId: true, createdAt: true, source: true },
  });
  const parent = new Map(reports.map((r) => [r.id, r.duplicateOfId]));
  const rootOf = (id: string) => {
    const seen = new Set<string>();
    let current = id;
    for (let up = parent.get(current); up; up = parent.get(current)) {
      if (seen.has(current)) return null;
      seen.add(current);
      current = up;
    }
    return current;
  };
  const entries = [
    ...reports.map((r) => ({ root: rootOf(r.id), at: r.createdAt, source: r.source, kind: 0, id: r.id })),
    ...finders.map((f) => ({ root: rootOf(f.reportId), at: f.createdAt, source: f.source, kind: 1, id: f.id })),
  ];
  const byRoot = new Map<string, typeof entries>();
  for (const entry of entries) {
    if (entry.root) byRoot.set(entry.root, [...(byRoot.get(entry.root) ?? []), entry]);
  }
  return [...byRoot].map(([rootId, list]) => {
    const finder = list.toSorted(
      (a, b) => a.at.getTime() - b.at.getTime() || a.kind - b.kind || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )[0]!;
    const root = reports.find((r) => r.id === rootId)!;
    return {
      rootId,
      priority: root.priority,
      status: root.status,
      foundAt: finder.at,
      finderSource: finder.source,
      finderKind: finder.kind,
      finderEntryId: finder.id,
      members: list.length,
      customerMembers: list.filter((e) => e.source === 'customer').length,
      internalMembers: list.filter((e) => e.source === 'internal').length,
    };
  });
}

async function storedClusters(): Promise<Stored[]> {
  return server.prisma.$queryRaw<Stored[]>`
    select k."rootId"::text as "rootId", k.priority, k.status::text as status, k."foundAt", k."finderSource", k."finderKind",
           k."finderEntryId"::text as "finderEntryId", k.members, k."customerMembers", k."internalMembers"
    from "ReportCluster" k join "Report" r on r.id = k."rootId"
    where r."programId" = ${programId}::uuid`;
}

async function expectStoredAsDefined() {
  const byRoot = (list: Stored[]) => list.toSorted((a, b) => (a.rootId < b.rootId ? -1 : 1));
  expect(byRoot(await storedClusters())).toEqual(byRoot(await expectedClusters()));
}

/** A change in its own transaction, held open a moment so the changes below overlap on PostgreSQL. */
function inTransaction(
  change: (tx: Parameters<Parameters<TestServer['prisma']['$transaction']>[0]>[0]) => Promise<unknown>,
) {
  return server.prisma.$transaction(async (tx) => {
    await change(tx);
    await new Promise((resolve) => setTimeout(resolve, 30));
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const program = await server.prisma.program.create({
    data: {
      name: 'Cluster program',
      product: 'Acme Desktop',
      githubRepo: 'acme/desktop',
      priorityLevels: ['P0', 'P1'],
      priorityLabels: [],
      priorityThreshold: 'P1',
      notActionableLabels: [],
      components: [],
    },
    select: { id: true },
  });
  programId = program.id;
  releaseId = (
    await server.prisma.release.create({
      data: {
        programId,
        version: '1.0',
        build: '1',
        testStart: at(0),
        testEnd: at(500),
        instructions: '',
        status: 'testing',
      },
      select: { id: true },
    })
  ).id;
  customerId = (await server.createUser('mvp')).id;
  internalId = (await server.createUser('internal_tester')).id;
  // R ← X ← X1 ← X2 (a chain), R ← Y; S alone; T ← T1.
  await file('R', 10, 'customer');
  await file('X', 12, 'internal', 'R');
  await file('X1', 8, 'customer', 'X');
  await file('X2', 20, 'internal', 'X1');
  await file('Y', 30, 'customer', 'R');
  await file('S', 5, 'internal');
  await file('T', 40, 'customer');
  await file('T1', 41, 'internal', 'T');
});

afterAll(async () => {
  await server?.stop();
});

describe('stored clusters', () => {
  it('hold each report under the canonical report its chain leads to, with the first entry as finder', async () => {
    await expectStoredAsDefined();
    const [r] = (await storedClusters()).filter((k) => k.rootId === ids.R);
    expect(r).toMatchObject({ members: 5, finderEntryId: ids.X1, finderSource: 'customer' });
  });

  it('follow links changed, "me too"s said and times corrected in transactions that overlap', async () => {
    await Promise.all([
      // X's subtree moves from R to S while a "me too" lands inside it and R itself becomes a duplicate of T.
      inTransaction((tx) => tx.report.update({ where: { id: ids.X }, data: { duplicateOfId: ids.S } })),
      inTransaction((tx) =>
        tx.reportFinder.create({
          data: {
            reportId: ids.X2!,
            userId: customerId,
            source: 'customer',
            environment: {},
            note: '',
            createdAt: at(1),
          },
        }),
      ),
      inTransaction((tx) => tx.report.update({ where: { id: ids.R }, data: { duplicateOfId: ids.T } })),
      inTransaction((tx) => tx.report.update({ where: { id: ids.T1 }, data: { createdAt: at(2) } })),
      inTransaction((tx) => tx.report.update({ where: { id: ids.Y }, data: { source: 'internal' } })),
      // Triage on the canonical reports meanwhile: the copies of their facts follow.
      inTransaction((tx) => tx.report.update({ where: { id: ids.T }, data: { priority: 'P0', status: 'triaged' } })),
      inTransaction((tx) => tx.report.update({ where: { id: ids.S }, data: { priority: 'P1', status: 'triaged' } })),
    ]);
    await expectStoredAsDefined();
    const stored = await storedClusters();
    expect(stored.map((k) => k.rootId).sort()).toEqual([ids.S, ids.T].sort());
    expect(stored.find((k) => k.rootId === ids.S)).toMatchObject({ members: 5, finderKind: 1 });
  });

  it('drop reports whose chain loops and give the children of a deleted report clusters of their own', async () => {
    await server.prisma.report.update({ where: { id: ids.T }, data: { duplicateOfId: ids.R } });
    await expectStoredAsDefined();
    expect((await storedClusters()).map((k) => k.rootId)).toEqual([ids.S]);
    await server.prisma.report.update({ where: { id: ids.T }, data: { duplicateOfId: null } });
    await server.prisma.report.delete({ where: { id: ids.X } });
    await expectStoredAsDefined();
    expect((await storedClusters()).map((k) => k.rootId).sort()).toEqual([ids.S, ids.T, ids.X1].sort());
  });

  it('follow a "me too" taken back and a canonical closed as not planned', async () => {
    await server.prisma.reportFinder.deleteMany({ where: { reportId: ids.X2 } });
    await server.prisma.report.update({ where: { id: ids.X1 }, data: { status: 'not_planned' } });
    await expectStoredAsDefined();
  });
});
