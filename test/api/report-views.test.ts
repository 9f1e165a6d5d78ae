import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSource } from '../../api/generated/prisma/enums.ts';
import { acceptCurrentTerms, activeMvp, createProgram, createRelease } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let lead: TestClient;
let program: { id: string };
let release: { id: string };
let casey: Awaited<ReturnType<typeof activeMvp>>;
let dana: Awaited<ReturnType<typeof activeMvp>>;

beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
  program = await createProgram(server);
  release = await createRelease(server, program.id);
  casey = await activeMvp(server, lead, release.id, 'casey@example.test');
  dana = await activeMvp(server, lead, release.id, 'dana@example.test');
  await acceptCurrentTerms(casey.client, program.id);
  await acceptCurrentTerms(dana.client, program.id);
});
afterAll(() => server?.stop());

let made = 0;
async function fileReport(
  reporterId: string | null,
  options: { source?: ReportSource; title?: string; releaseId?: string } = {},
) {
  made += 1;
  const report = await server.prisma.report.create({
    data: {
      programId: program.id,
      releaseId: options.releaseId ?? release.id,
      reporterId,
      reporterLogin: reporterId ? null : 'octocat',
      source: options.source ?? 'customer',
      title: options.title ?? `Printing fails ${made}`,
      steps: 'Print a long document',
      expected: 'All pages',
      actual: 'Only the first page',
      severity: 'major',
      environment: { os: 'Windows 11', browser: 'Edge 130' },
      events: { create: { kind: 'filed', actorId: reporterId, data: {} } },
    },
    select: { id: true },
  });
  return report.id;
}

describe('the report page', () => {
  it('shows the reporter their report with its environment and timeline', async () => {
    const id = await fileReport(casey.user.id);
    const report = await bodyOf(await casey.client.api.api.reports[':id'].$get({ param: { id } }), 200);
    expect(report).toMatchObject({
      view: 'full',
      id,
      yourRole: 'reporter',
      source: 'customer',
      status: 'new',
      environment: { os: 'Windows 11', browser: 'Edge 130' },
      reporter: { displayName: 'Name of casey@example.test' },
    });
    expect(report.timeline.map((entry) => entry.kind)).toEqual(['filed']);
  });

  it("answers 404 for another customer's report, as for one that does not exist", async () => {
    const id = await fileReport(dana.user.id);
    const other = await casey.client.api.api.reports[':id'].$get({ param: { id } });
    const missing = await casey.client.api.api.reports[':id'].$get({
      param: { id: '01900000-0000-7000-8000-000000000000' },
    });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((await readProblem(other)).detail).toBe((await readProblem(missing)).detail);
  });

  it("shows a co-finder the bug's summary and their own entry, nothing the reporter wrote", async () => {
    const id = await fileReport(dana.user.id);
    await server.prisma.reportFinder.create({
      data: {
        reportId: id,
        userId: casey.user.id,
        source: 'customer',
        environment: { os: 'macOS' },
        note: 'Me too on a Mac',
      },
    });
    const report = await bodyOf(await casey.client.api.api.reports[':id'].$get({ param: { id } }), 200);
    if (report.view !== 'co-finder') throw new Error(`expected the co-finder view, got ${report.view}`);
    expect(report).toMatchObject({ id, yourRole: 'co-finder', meTooCount: 1, status: 'new' });
    expect(report.yourEntry).toMatchObject({ note: 'Me too on a Mac', environment: { os: 'macOS' }, attachments: [] });
    const text = JSON.stringify(report);
    for (const secret of ['Print a long document', 'All pages', 'Only the first page', 'Windows 11', 'dana'])
      expect(text).not.toContain(secret);
  });

  it('keeps team notes from customers, and lets staff read them', async () => {
    const id = await fileReport(casey.user.id);
    const engineer = (await signedInClient(server, 'engineer', { programs: [program.id] })).client;
    const note = await engineer.api.api.reports[':id'].comments.$post({
      param: { id },
      json: { body: 'Looks like the spooler', visibility: 'team' },
    });
    expect(note.status).toBe(201);
    const reply = await engineer.api.api.reports[':id'].comments.$post({
      param: { id },
      json: { body: 'Which printer?', visibility: 'public' },
    });
    expect(reply.status).toBe(201);

    const customerView = await bodyOf(await casey.client.api.api.reports[':id'].$get({ param: { id } }), 200);
    expect(customerView.timeline.map((entry) => entry.text).filter(Boolean)).toEqual(['Which printer?']);
    const staffView = await bodyOf(await engineer.api.api.reports[':id'].$get({ param: { id } }), 200);
    expect(staffView.timeline.map((entry) => [entry.kind, entry.text])).toEqual([
      ['filed', null],
      ['note', 'Looks like the spooler'],
      ['comment', 'Which printer?'],
    ]);
  });

  it('lets the reporter answer in public but not write team notes', async () => {
    const id = await fileReport(casey.user.id);
    const answer = await casey.client.api.api.reports[':id'].comments.$post({
      param: { id },
      json: { body: 'An HP LaserJet' },
    });
    expect(answer.status).toBe(201);
    const note = await casey.client.api.api.reports[':id'].comments.$post({
      param: { id },
      json: { body: 'secret', visibility: 'team' },
    });
    expect(note.status).toBe(400);
    expect((await readProblem(note)).errors).toEqual([{ field: 'visibility', message: expect.any(String) }]);
    expect(await server.prisma.reportComment.count({ where: { reportId: id, body: 'secret' } })).toBe(0);
  });

  it('closes the report to an MVP removed from the release', async () => {
    const erin = await activeMvp(server, lead, release.id, 'erin@example.test');
    await acceptCurrentTerms(erin.client, program.id);
    const id = await fileReport(erin.user.id);
    expect((await erin.client.api.api.reports[':id'].$get({ param: { id } })).status).toBe(200);
    await lead.api.api.enrolments[':id'].remove.$post({ param: { id: erin.enrolmentId } });
    expect((await erin.client.api.api.reports[':id'].$get({ param: { id } })).status).toBe(404);
    expect(await server.prisma.report.count({ where: { id } })).toBe(1);
  });
});

describe('the staff list of reports', () => {
  let listProgram: { id: string };
  let releases: { id: string }[];
  beforeAll(async () => {
    listProgram = await createProgram(server);
    releases = [await createRelease(server, listProgram.id), await createRelease(server, listProgram.id)];
    for (let n = 0; n < 25; n++) {
      await server.prisma.report.create({
        data: {
          programId: listProgram.id,
          releaseId: releases[n % 2]!.id,
          reporterId: n % 3 === 0 ? null : casey.user.id,
          reporterLogin: n % 3 === 0 ? 'octocat' : null,
          source: n % 3 === 0 ? 'internal' : 'customer',
          status: n % 5 === 0 ? 'triaged' : 'new',
          priority: n % 5 === 0 ? 'P1' : null,
          title: n === 7 ? 'Toolbar icons blurry at 150% scaling' : `Report number ${n}`,
          steps: 'Do it',
          expected: 'Fine',
          actual: 'Broken',
          severity: 'minor',
          environment: {},
        },
      });
    }
  });

  const list = (query: Record<string, string>) =>
    lead.api.api.programs[':id'].reports.$get({ param: { id: listProgram.id }, query });

  it('walks every report exactly once, newest first, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await bodyOf(await list({ limit: '10', ...(cursor ? { cursor } : {}) }), 200);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('filters by release, source, status, priority and text', async () => {
    expect((await bodyOf(await list({ releaseId: releases[0]!.id }), 200)).items).toHaveLength(13);
    const internal = await bodyOf(await list({ source: 'internal' }), 200);
    expect(internal.items).toHaveLength(9);
    expect(internal.items.every((item) => item.reporter.displayName === 'octocat')).toBe(true);
    expect((await bodyOf(await list({ status: 'triaged', priority: 'P1' }), 200)).items).toHaveLength(5);
    const found = await bodyOf(await list({ q: 'BLURRY' }), 200);
    expect(found.items.map((item) => item.title)).toEqual(['Toolbar icons blurry at 150% scaling']);
  });

  it('finds % and _ in the text as themselves, and a backslash as text', async () => {
    const titles = async (q: string) => (await bodyOf(await list({ q }), 200)).items.map((item) => item.title);
    expect(await titles('%')).toEqual(['Toolbar icons blurry at 150% scaling']);
    expect(await titles('0% s')).toEqual(['Toolbar icons blurry at 150% scaling']);
    expect(await titles('Report_number')).toEqual([]);
    expect(await titles('\\')).toEqual([]);
  });

  it('refuses NUL in a filter, naming it', async () => {
    for (const name of ['q', 'priority', 'component']) {
      const response = await lead.request(`/api/programs/${listProgram.id}/reports?${name}=a%00`);
      expect(response.status).toBe(400);
      expect((await readProblem(response)).errors).toEqual([{ field: name, message: expect.stringContaining('NUL') }]);
    }
  });

  it('refuses a malformed filter, naming it', async () => {
    const response = await list({ status: 'lost' });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.[0]?.field).toBe('status');
  });

  it('is for staff only', async () => {
    const response = await casey.client.api.api.programs[':id'].reports.$get({
      param: { id: listProgram.id },
      query: {},
    });
    expect(response.status).toBe(403);
  });
});
