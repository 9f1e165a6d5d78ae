import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSource, ReportStatus } from '../../api/generated/prisma/enums.ts';
import type { ClusterList } from '../../api/stats/stats.schemas.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// A hand-computed program. Levels P0 > P1 > P2 > P3, threshold P1, not actionable: invalid, wontfix.
// Times are hours after T0. Release 1.0 (R1):
//
//  C1  A1  ana  (customer)  0h  P0 Sync      triaged 10h   dup A1d tess (internal) 5h          → finder ana
//  C2  B1  tess (internal) 20h  P1 Printing  triaged 22h, fixed 40h
//          dup B1d ben (customer) 18h, and B1dd cat (customer) 30h, a duplicate of B1d (a chain)
//                                                                                              → finder ben
//  C3  C   cat  (customer) 50h  P1 Sync      triaged 62h, reopened (was fixed: fixedAt cleared)
//          me-too eve (customer) 55h                                       → finder cat, customer-only
//  C4  D   GitHub-direct internal (octo-eng) 70h P0 no component, triaged 70h; me-too ana 80h → finder internal
//  C5  E   ana 90h, relabelled P1 → P2 (triaged 95h): below the threshold       → level P2 only
//  C6  F   ben 100h P1, closed not planned                                        → not actionable
//  C7  G   cat 110h P0, labelled "Invalid" (case differs)                         → not actionable
//  C8  H   tess 120h P1 Printing, triaged 130h, title starts with "="             → finder internal
//  C9  I   ana 140h, no priority yet                                              → counted as a cluster only
//
// R1: 12 reports, 9 clusters; priority actionable C1 C2 C3 C4 C8 = 5, customer-found C1 C2 C3 = 3,
// customer-only C3 = 1. Share 3/5 = 0.6; Wilson (z = 1.959964, z² = 3.841459):
//   denominator 1 + z²/5 = 1.768292; centre (0.6 + z²/10) / 1.768292 = 0.556551;
//   half z·√(0.6·0.4/5 + z²/100) / 1.768292 = 0.325827 → [0.230724, 0.882379].
// By level: P0 C1 C4 → 1/2 [0.094531, 0.905469]; P1 C2 C3 C8 → 2/3, customer-only 1; P2 C5 → 1/1
// (customer-only, not counted as priority); P3 none.
// By component: Printing C2 C8 → 1/2; Sync C1 C3 → 2/2 (customer-only 1); none C4 → 0/1.
// Time to triage, customer-found: C1 10h, C2 22−18 = 4h, C3 62−50 = 12h → median 10, p90 10 + 0.8·2 = 11.6;
//   internal-found: C4 0h, C8 10h → median 5, p90 9. Time to fix: C2 40−18 = 22h; internal none.
// Release 2.0 (R2): J ana 800h P1 Sync with dup Jd tess 790h (internal, filed first) → finder internal;
//   K1..K5 ben 810..814h P1 Printing, alone → customer-only finds. Priority 6, customer 5, share 5/6
//   [0.436497, 0.969947], customer-only 5. Release 3.0: nothing, share null.
// Program: priority 11, customer 8, share 8/11 [0.434355, 0.902539], customer-only 6; 16 clusters... see below.
//
// Leaderboard R1 (finder 3, co-finds counted but worth 0, once per cluster): ana C1 find + C4 co-find
// = 3; cat C3 find (customer-only) + C2 co-find = 3; ben C2 find = 3; eve C3 co-find only = 0, so not
// on the board → ranks 1, 1, 1. Program: ben C2 + K1..K5 = 6 finds = 18 (five priority finds,
// customer-only find); ana 3 (+ J co-find, worth 0); cat 3 → ranks 1, 2, 2. Ben keeps his handle off
// the board.

const T0 = Date.parse('2026-01-10T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);

let server: TestServer;
let lead: TestClient;
let programId: string;
let otherProgramId: string;
const releases: Record<'r1' | 'r2' | 'r3', string> = { r1: '', r2: '', r3: '' };
const reports: Record<string, string> = {};
type Mvp = { id: string; client: TestClient };
const mvps: Record<'ana' | 'ben' | 'cat' | 'eve' | 'dan', Mvp> = {} as never;
let tessId: string;

async function report(
  key: string,
  data: {
    release: 'r1' | 'r2';
    by: string | null;
    source: ReportSource;
    hours: number;
    priority?: string;
    status?: ReportStatus;
    component?: string;
    labels?: string[];
    dupOf?: string;
    triaged?: number;
    fixed?: number;
    title?: string;
  },
) {
  const row = await server.prisma.report.create({
    data: {
      programId,
      releaseId: releases[data.release],
      reporterId: data.by,
      reporterLogin: data.by ? null : 'octo-eng',
      source: data.source,
      title: data.title ?? `Bug ${key}`,
      steps: 'Steps',
      expected: 'Expected',
      actual: 'Actual',
      severity: data.by ? 'minor' : null,
      component: data.component ?? null,
      environment: {},
      status: data.status ?? (data.dupOf ? 'duplicate' : data.priority ? 'triaged' : 'synced'),
      priority: data.priority ?? null,
      issueLabels: ['fieldtest', ...(data.priority ? [data.priority] : []), ...(data.labels ?? [])],
      issueUrl: `https://github.com/acme/desktop/issues/${Object.keys(reports).length + 1}`,
      duplicateOfId: data.dupOf ? reports[data.dupOf] : null,
      triagedAt: data.triaged === undefined ? null : at(data.triaged),
      fixedAt: data.fixed === undefined ? null : at(data.fixed),
      createdAt: at(data.hours),
    },
    select: { id: true },
  });
  reports[key] = row.id;
}

async function meToo(key: string, userId: string, hours: number) {
  await server.prisma.reportFinder.create({
    data: { reportId: reports[key]!, userId, source: 'customer', environment: {}, note: '', createdAt: at(hours) },
  });
}

async function makeMvp(handle: string, enrolIn: string[], termsIds: { programId: string; termsId: string }[]) {
  const { user, client } = await signedInClient(server, 'mvp');
  await server.prisma.user.update({ where: { id: user.id }, data: { name: `Secret Name ${handle}` } });
  await server.prisma.mvpProfile.create({
    data: { userId: user.id, company: 'Customer Co', handle, platforms: [], devices: [] },
  });
  for (const releaseId of enrolIn) {
    await server.prisma.enrolment.create({
      data: {
        releaseId,
        userId: user.id,
        email: user.email,
        name: 'x',
        company: 'C',
        status: 'active',
        source: 'invitation',
      },
    });
  }
  for (const terms of termsIds) {
    await server.prisma.termsAcceptance.create({
      data: { userId: user.id, programId: terms.programId, termsId: terms.termsId, version: 1, textHash: 'h' },
    });
  }
  return { id: user.id, client };
}

async function createProgram(name: string) {
  return server.prisma.program.create({
    data: {
      name,
      product: 'Acme Desktop',
      githubRepo: 'acme/desktop',
      priorityLevels: ['P0', 'P1', 'P2', 'P3'],
      priorityLabels: [],
      priorityThreshold: 'P1',
      notActionableLabels: ['invalid', 'wontfix'],
      components: ['Sync', 'Printing'],
      terms: { create: { version: 1, text: 'T', textHash: 'h' } },
    },
    select: { id: true, terms: { select: { id: true } } },
  });
}

async function createRelease(programId: string, version: string, testStart: string) {
  const release = await server.prisma.release.create({
    data: {
      programId,
      version,
      build: version,
      testStart: new Date(testStart),
      testEnd: new Date(Date.parse(testStart) + 20 * 86_400_000),
      instructions: '',
      status: 'shipped',
    },
    select: { id: true },
  });
  return release.id;
}

beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
  const program = await createProgram('Stats program');
  const other = await createProgram('Other program');
  programId = program.id;
  otherProgramId = other.id;
  // Created out of order: the trend follows the test window, not creation.
  releases.r2 = await createRelease(programId, '2.0', '2026-02-01T00:00:00Z');
  releases.r1 = await createRelease(programId, '1.0', '2026-01-01T00:00:00Z');
  releases.r3 = await createRelease(programId, '3.0', '2026-03-01T00:00:00Z');
  const otherRelease = await createRelease(otherProgramId, '9.0', '2026-01-01T00:00:00Z');
  const terms = [{ programId, termsId: program.terms[0]!.id }];
  mvps.ana = await makeMvp('ana', [releases.r1, releases.r2], terms);
  mvps.ben = await makeMvp('ben', [releases.r1, releases.r2], terms);
  mvps.cat = await makeMvp('cat', [releases.r1], terms);
  mvps.eve = await makeMvp('eve', [releases.r1], terms);
  mvps.dan = await makeMvp('dan', [otherRelease], [{ programId: otherProgramId, termsId: other.terms[0]!.id }]);
  await server.prisma.mvpProfile.update({ where: { userId: mvps.ben.id }, data: { showOnLeaderboard: false } });
  tessId = (await server.createUser('internal_tester', { name: 'Tess Tester' })).id;
  const { ana, ben, cat, eve } = mvps;

  await report('A1', {
    release: 'r1',
    by: ana.id,
    source: 'customer',
    hours: 0,
    priority: 'P0',
    component: 'Sync',
    triaged: 10,
  });
  await report('A1d', { release: 'r1', by: tessId, source: 'internal', hours: 5, dupOf: 'A1' });
  await report('B1', {
    release: 'r1',
    by: tessId,
    source: 'internal',
    hours: 20,
    priority: 'P1',
    status: 'fixed',
    component: 'Printing',
    triaged: 22,
    fixed: 40,
    title: 'Print "draft", then crash',
  });
  await report('B1d', { release: 'r1', by: ben.id, source: 'customer', hours: 18, dupOf: 'B1' });
  await report('B1dd', { release: 'r1', by: cat.id, source: 'customer', hours: 30, dupOf: 'B1d' });
  await report('C', {
    release: 'r1',
    by: cat.id,
    source: 'customer',
    hours: 50,
    priority: 'P1',
    component: 'Sync',
    triaged: 62,
  });
  await meToo('C', eve.id, 55);
  await report('D', { release: 'r1', by: null, source: 'internal', hours: 70, priority: 'P0', triaged: 70 });
  await meToo('D', ana.id, 80);
  await report('E', {
    release: 'r1',
    by: ana.id,
    source: 'customer',
    hours: 90,
    priority: 'P2',
    component: 'Sync',
    triaged: 95,
  });
  await report('F', {
    release: 'r1',
    by: ben.id,
    source: 'customer',
    hours: 100,
    priority: 'P1',
    status: 'not_planned',
  });
  await report('G', { release: 'r1', by: cat.id, source: 'customer', hours: 110, priority: 'P0', labels: ['Invalid'] });
  await report('H', {
    release: 'r1',
    by: tessId,
    source: 'internal',
    hours: 120,
    priority: 'P1',
    component: 'Printing',
    triaged: 130,
    title: '=HYPERLINK("http://evil.example")',
  });
  await report('I', { release: 'r1', by: ana.id, source: 'customer', hours: 140 });
  await report('J', { release: 'r2', by: ana.id, source: 'customer', hours: 800, priority: 'P1', component: 'Sync' });
  await report('Jd', { release: 'r2', by: tessId, source: 'internal', hours: 790, dupOf: 'J' });
  for (let k = 1; k <= 5; k += 1) {
    await report(`K${k}`, {
      release: 'r2',
      by: ben.id,
      source: 'customer',
      hours: 809 + k,
      priority: 'P1',
      component: 'Printing',
    });
  }
});
afterAll(() => server?.stop());

const close = (value: number) => expect.closeTo(value, 5);
const releaseStats = async (id: string, client = lead) =>
  bodyOf(await client.api.api.releases[':id'].stats.$get({ param: { id } }), 200);
// The route answers CSV too (format=csv); as JSON its body is a ClusterList.
const clusters = async (query: Record<string, string>) =>
  (await bodyOf(
    await lead.api.api.programs[':id'].stats.clusters.$get({ param: { id: programId }, query }),
    200,
  )) as ClusterList;
const titles = (list: { items: { title: string }[] }) => list.items.map((item) => item.title).sort();

describe('release figures', () => {
  it('count clusters, priority actionable clusters, finders and customer-only finds as defined', async () => {
    const stats = await releaseStats(releases.r1);
    expect(stats).toMatchObject({
      releaseVersion: '1.0',
      reports: 12,
      clusters: 9,
      settings: { priorityLevelsCounted: ['P0', 'P1'], notActionableLabels: ['invalid', 'wontfix'] },
      priority: { clusters: 5, customerFound: 3, internalFound: 2, customerOnly: 1, share: 0.6 },
    });
    expect(stats.priority.interval).toEqual({ lower: close(0.230724), upper: close(0.882379) });
  });

  it('split the same figures by level (every level) and by component (priority clusters only)', async () => {
    const stats = await releaseStats(releases.r1);
    expect(stats.byLevel).toEqual([
      expect.objectContaining({ level: 'P0', countsAsPriority: true, clusters: 2, customerFound: 1, customerOnly: 0 }),
      expect.objectContaining({ level: 'P1', countsAsPriority: true, clusters: 3, customerFound: 2, customerOnly: 1 }),
      expect.objectContaining({ level: 'P2', countsAsPriority: false, clusters: 1, customerFound: 1, customerOnly: 1 }),
      expect.objectContaining({ level: 'P3', clusters: 0, share: null, interval: null }),
    ]);
    expect(stats.byLevel[0]!.interval).toEqual({ lower: close(0.094531), upper: close(0.905469) });
    expect(stats.byLevel[1]!.interval).toEqual({ lower: close(0.20766), upper: close(0.938508) });
    expect(
      stats.byComponent.map((group) => [group.component, group.clusters, group.customerFound, group.customerOnly]),
    ).toEqual([
      ['Printing', 2, 1, 0],
      ['Sync', 2, 2, 1],
      [null, 1, 0, 0],
    ]);
  });

  it("time triage and fixes from the finder's filing, customer-found against internal-found", async () => {
    const stats = await releaseStats(releases.r1);
    expect(stats.timeToTriage).toEqual({
      customer: { clusters: 3, medianHours: close(10), p90Hours: close(11.6) },
      internal: { clusters: 2, medianHours: close(5), p90Hours: close(9) },
    });
    expect(stats.timeToFix).toEqual({
      customer: { clusters: 1, medianHours: close(22), p90Hours: close(22) },
      internal: { clusters: 0, medianHours: null, p90Hours: null },
    });
  });

  it('have no share for a release without priority clusters', async () => {
    const stats = await releaseStats(releases.r3);
    expect(stats).toMatchObject({ reports: 0, clusters: 0, priority: { clusters: 0, share: null, interval: null } });
  });

  it('answer 404 for an unknown release and 403 to an MVP', async () => {
    expect(
      (await lead.api.api.releases[':id'].stats.$get({ param: { id: '01900000-0000-7000-8000-000000000000' } })).status,
    ).toBe(404);
    const mvp = await mvps.ana.client.api.api.releases[':id'].stats.$get({ param: { id: releases.r1 } });
    expect(mvp.status).toBe(403);
    expect((await readProblem(mvp)).code).toBe('forbidden');
  });
});

describe('program figures', () => {
  it('add up every release and trend the share release by release, by test window', async () => {
    const stats = await bodyOf(await lead.api.api.programs[':id'].stats.$get({ param: { id: programId } }), 200);
    expect(stats).toMatchObject({
      reports: 19,
      clusters: 15,
      priority: { clusters: 11, customerFound: 8, customerOnly: 6, share: close(8 / 11) },
    });
    expect(stats.priority.interval).toEqual({ lower: close(0.434355), upper: close(0.902539) });
    expect(
      stats.trend.map((entry) => [entry.releaseVersion, entry.clusters, entry.customerFound, entry.share]),
    ).toEqual([
      ['1.0', 5, 3, 0.6],
      ['2.0', 6, 5, close(5 / 6)],
      ['3.0', 0, 0, null],
    ]);
    expect(stats.trend[1]!.interval).toEqual({ lower: close(0.436497), upper: close(0.969947) });
  });
});

describe('the clusters behind a figure', () => {
  it('lists the priority actionable clusters, their finders and members', async () => {
    const list = await clusters({ releaseId: releases.r1 });
    expect(titles(list)).toEqual([
      '=HYPERLINK("http://evil.example")',
      'Bug A1',
      'Bug C',
      'Bug D',
      'Print "draft", then crash',
    ]);
    const c2 = list.items.find((item) => item.canonicalId === reports.B1)!;
    expect(c2).toMatchObject({
      level: 'P1',
      finderSource: 'customer',
      finder: 'ben',
      members: 3,
      customerMembers: 2,
      internalMembers: 1,
      customerOnly: false,
    });
    expect(c2.memberReports.map((member) => [member.kind, member.person.label, member.finder])).toEqual([
      ['duplicate', 'ben', true],
      ['canonical', 'Tess Tester', false],
      ['duplicate', 'cat', false],
    ]);
    const c4 = list.items.find((item) => item.canonicalId === reports.D)!;
    expect(c4).toMatchObject({ finder: 'octo-eng', finderSource: 'internal', component: null });
    expect(c4.memberReports.map((member) => [member.kind, member.person.label])).toEqual([
      ['canonical', 'octo-eng'],
      ['me_too', 'ana'],
    ]);
  });

  it('narrows to the filter each figure links with', async () => {
    expect(titles(await clusters({ releaseId: releases.r1, finderSource: 'customer' }))).toEqual([
      'Bug A1',
      'Bug C',
      'Print "draft", then crash',
    ]);
    expect(titles(await clusters({ customerOnly: 'true' }))).toEqual([
      'Bug C',
      'Bug K1',
      'Bug K2',
      'Bug K3',
      'Bug K4',
      'Bug K5',
    ]);
    expect(titles(await clusters({ releaseId: releases.r1, level: 'P2' }))).toEqual(['Bug E']);
    expect(titles(await clusters({ releaseId: releases.r1, component: 'Sync' }))).toEqual(['Bug A1', 'Bug C']);
    expect(titles(await clusters({ releaseId: releases.r1, withoutComponent: 'true' }))).toEqual(['Bug D']);
    const all = await clusters({ releaseId: releases.r1, scope: 'all' });
    expect(all.items).toHaveLength(9);
    expect(all.items.find((item) => item.canonicalId === reports.F)).toMatchObject({ actionable: false });
    expect(all.items.find((item) => item.canonicalId === reports.G)).toMatchObject({ actionable: false, level: 'P0' });
  });

  it('pages by cursor, each cluster once', async () => {
    const first = await clusters({ limit: '4' });
    expect(first.items).toHaveLength(4);
    const second = await clusters({ limit: '4', cursor: first.nextCursor! });
    const third = await clusters({ limit: '4', cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((item) => item.canonicalId);
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
  });

  it('exports the same rows as RFC 4180 CSV, without MVP names or e-mails', async () => {
    const response = await lead.request(
      `/api/programs/${programId}/stats/clusters?releaseId=${releases.r1}&format=csv`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    // Named by the program and the day, as a person would file it.
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename\*=UTF-8''clusters-stats-program-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const text = await response.text();
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'canonical_report_id,title,release,level,component,finder_source,finder,members,customer_members,internal_members,customer_only,issue_url',
    );
    expect(lines).toHaveLength(7);
    expect(lines).toContain(
      `${reports.B1},"Print ""draft"", then crash",1.0,P1,Printing,customer,ben,3,2,1,false,https://github.com/acme/desktop/issues/3`,
    );
    // A title a spreadsheet would run as a formula is defused.
    expect(lines.find((line) => line.startsWith(reports.H!))).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines.find((line) => line.startsWith(reports.D!))).toBe(
      `${reports.D},Bug D,1.0,P0,,internal,octo-eng,2,1,1,false,https://github.com/acme/desktop/issues/7`,
    );
    expect(text).not.toMatch(/Secret Name|@example\.test/);
  });

  it('answers 404 for a release of another program', async () => {
    const response = await lead.api.api.programs[':id'].stats.clusters.$get({
      param: { id: otherProgramId },
      query: { releaseId: releases.r1 },
    });
    expect(response.status).toBe(404);
  });
});

describe('leaderboards', () => {
  it('rank customers by priority finds, weights shown, equal scores sharing a rank', async () => {
    const board = await bodyOf(
      await lead.api.api.releases[':id'].leaderboard.$get({ param: { id: releases.r1 } }),
      200,
    );
    expect(board.weights).toEqual({ finder: 3, coFinder: 0 });
    expect(board.badges.map((badge) => badge.id)).toEqual([
      'first_priority_find',
      'five_priority_finds',
      'customer_only_find',
    ]);
    const rows = board.entries.map((entry) => [
      entry.rank,
      entry.displayName,
      entry.score,
      entry.finds,
      entry.coFinds,
      entry.badges,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [1, 'ana', 3, 1, 1, ['first_priority_find']],
        [1, 'cat', 3, 1, 1, ['first_priority_find', 'customer_only_find']],
        [1, 'anonymous MVP', 3, 1, 0, ['first_priority_find']],
      ]),
    );
    // Eve only said "me too": co-finds earn no place on the board.
    expect(rows).toHaveLength(3);
    // Handles only: neither names nor staff.
    expect(JSON.stringify(board)).not.toMatch(/Secret Name|Tess|ben/);
  });

  it('over the program, credits five finds and customer-only finds', async () => {
    const board = await bodyOf(await lead.api.api.programs[':id'].leaderboard.$get({ param: { id: programId } }), 200);
    expect(
      board.entries.map((entry) => [entry.rank, entry.displayName, entry.score, entry.customerOnlyFinds, entry.badges]),
    ).toEqual([
      [1, 'anonymous MVP', 18, 5, ['first_priority_find', 'five_priority_finds', 'customer_only_find']],
      [2, 'ana', 3, 0, ['first_priority_find']],
      [2, 'cat', 3, 1, ['first_priority_find', 'customer_only_find']],
    ]);
  });

  it('shows a hidden MVP their own handle, and others the board of releases they take part in only', async () => {
    const own = await bodyOf(
      await mvps.ben.client.api.api.releases[':id'].leaderboard.$get({ param: { id: releases.r1 } }),
      200,
    );
    expect(own.entries.find((entry) => entry.you)).toMatchObject({ displayName: 'ben', handle: 'ben', rank: 1 });
    const seen = await bodyOf(
      await mvps.eve.client.api.api.releases[':id'].leaderboard.$get({ param: { id: releases.r1 } }),
      200,
    );
    expect(seen.entries.find((entry) => entry.coFinds === 0)).toMatchObject({
      displayName: 'anonymous MVP',
      handle: null,
      you: false,
    });
    // Eve was not enrolled in 2.0; Dan takes part in another program only.
    expect(
      (await mvps.eve.client.api.api.releases[':id'].leaderboard.$get({ param: { id: releases.r2 } })).status,
    ).toBe(404);
    expect(
      (await mvps.dan.client.api.api.releases[':id'].leaderboard.$get({ param: { id: releases.r1 } })).status,
    ).toBe(404);
    expect((await mvps.dan.client.api.api.programs[':id'].leaderboard.$get({ param: { id: programId } })).status).toBe(
      404,
    );
  });
});

describe('my recognition', () => {
  it('gives an MVP their own figures, rank and badges, overall and per release they took part in', async () => {
    const mine = await bodyOf(await mvps.cat.client.api.api.me.recognition.$get(), 200);
    expect(mine).toMatchObject({ handle: 'cat', showOnLeaderboard: true, weights: { finder: 3, coFinder: 0 } });
    expect(mine.programs).toEqual([
      {
        programId,
        programName: 'Stats program',
        overall: {
          rank: 2,
          ranked: 3,
          score: 3,
          finds: 1,
          coFinds: 1,
          customerOnlyFinds: 1,
          badges: ['first_priority_find', 'customer_only_find'],
        },
        releases: [
          {
            releaseId: releases.r1,
            releaseVersion: '1.0',
            standing: expect.objectContaining({ rank: 1, ranked: 3, score: 3 }),
          },
        ],
      },
    ]);
    // Nothing about other customers but how many are ranked.
    expect(JSON.stringify(mine)).not.toMatch(/ana|eve|ben/);
    const dan = await bodyOf(await mvps.dan.client.api.api.me.recognition.$get(), 200);
    expect(dan.programs).toEqual([
      expect.objectContaining({
        programId: otherProgramId,
        overall: expect.objectContaining({ rank: null, score: 0 }),
      }),
    ]);
  });

  it('lets an MVP show their handle on the board again', async () => {
    const saved = await mvps.ben.client.api.api.me.recognition.visibility.$put({ json: { showOnLeaderboard: true } });
    expect(await bodyOf(saved, 200)).toEqual({ showOnLeaderboard: true });
    const board = await bodyOf(
      await mvps.eve.client.api.api.releases[':id'].leaderboard.$get({ param: { id: releases.r1 } }),
      200,
    );
    expect(board.entries.find((entry) => entry.coFinds === 0)).toMatchObject({ displayName: 'ben', handle: 'ben' });
    const refused = await mvps.ben.client.json('PUT', '/api/me/recognition/visibility', { showOnLeaderboard: 'yes' });
    expect(refused.status).toBe(400);
    expect((await readProblem(refused)).errors?.[0]?.field).toBe('showOnLeaderboard');
    await mvps.ben.client.api.api.me.recognition.visibility.$put({ json: { showOnLeaderboard: false } });
  });

  it('is for MVPs', async () => {
    expect((await lead.api.api.me.recognition.$get()).status).toBe(403);
  });
});

describe('figures follow GitHub', () => {
  it('change on the next read when an issue is relabelled, reopened or closed as a duplicate', async () => {
    // H drops below the threshold; C is closed as a duplicate of A1 (its members join C1, whose
    // finder stays ana); B1 is reopened (fixedAt cleared).
    await server.prisma.report.update({ where: { id: reports.H }, data: { priority: 'P3', issueLabels: ['P3'] } });
    await server.prisma.report.update({
      where: { id: reports.C },
      data: { status: 'duplicate', duplicateOfId: reports.A1 },
    });
    await server.prisma.report.update({ where: { id: reports.B1 }, data: { status: 'triaged', fixedAt: null } });
    const stats = await releaseStats(releases.r1);
    expect(stats).toMatchObject({
      clusters: 8,
      priority: { clusters: 3, customerFound: 2, customerOnly: 0, share: close(2 / 3) },
      timeToFix: { customer: { clusters: 0, medianHours: null } },
    });
    const c1 = (await clusters({ releaseId: releases.r1 })).items.find((item) => item.canonicalId === reports.A1)!;
    expect(c1).toMatchObject({ finder: 'ana', members: 4, customerMembers: 3, internalMembers: 1 });
  });
});
