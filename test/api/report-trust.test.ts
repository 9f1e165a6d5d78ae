import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../api/attachments/attachments.schemas.ts';
import type { FileReportBody, MeTooBody } from '../../api/reports/reports.schemas.ts';
import { createProgram, createRelease, mvpActiveIn } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// A customer reads in full only what they wrote. Played with real sessions: four MVPs over two
// releases of one program (ana and ben in 1.0, cleo in 2.0 only) and a release of another program
// (dev), with staff beside them. Ana's report holds what must stay hers: steps, an environment and a
// log with a password in it.

let server: TestServer;
let lead: TestClient;
let engineer: TestClient;
let tester: TestClient;
type Mvp = { id: string; client: TestClient; handle: string; name: string };
const mvps = {} as Record<'ana' | 'ben' | 'cleo' | 'dev', Mvp>;
let program: { id: string };
let r1: { id: string };
let r2: { id: string };
let otherRelease: { id: string };

const hour = 3_600_000;
const secretLog = 'login ok\npassword=hunter2\nsession=ana-only-token\n';
const anaSecrets = ['Paste the invoice from the clipboard', 'Ana-OS 11', 'hunter2', 'The totals add up'];

async function openRelease(programId: string) {
  const release = await createRelease(server, programId);
  await server.prisma.release.update({
    where: { id: release.id },
    data: { testStart: new Date(Date.now() - hour), testEnd: new Date(Date.now() + 48 * hour) },
  });
  return release;
}

/** A new MVP active in the releases of the program, known by the handle. */
async function mvpIn(handle: string, releaseIds: string[], programId: string): Promise<Mvp> {
  const { user, client } = await mvpActiveIn(server, ...releaseIds.map((id) => ({ id, programId })));
  await bodyOf(
    await client.api.api.me.profile.$put({
      json: { name: user.name, company: 'Customer Co', handle, platforms: [], devices: [] },
    }),
    200,
  );
  return { id: user.id, client, handle, name: user.name };
}

let keys = 0;
async function file(client: TestClient, releaseId: string, title: string, overrides: Partial<FileReportBody> = {}) {
  keys += 1;
  const json: FileReportBody = {
    releaseId,
    title,
    steps: 'Open the app and try it.',
    expected: 'It works',
    actual: 'It does not',
    severity: 'minor',
    clientKey: `trust-report-${keys}`,
    ...overrides,
  };
  return bodyOf(await client.api.api.reports.$post({ json }), 201);
}

async function upload(client: TestClient, text: string, fileName: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), fileName);
  const response = await client.request('/api/attachments', { method: 'POST', body: form });
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status: 201 });
  return body as Attachment;
}

const read = (client: TestClient, id: string) => client.api.api.reports[':id'].$get({ param: { id } });
const readFile = (client: TestClient, id: string) => client.request(`/api/attachments/${id}`);
const meToo = (client: TestClient, id: string, json: MeTooBody = {}) =>
  client.api.api.reports[':id']['me-too'].$post({ param: { id }, json });
const similar = (client: TestClient, releaseId: string, title: string) =>
  client.api.api.releases[':id']['similar-reports'].$post({ param: { id: releaseId }, json: { title } });
const comment = (client: TestClient, id: string, json: { body: string; coFinderEntryId?: string | null }) =>
  client.api.api.reports[':id'].comments.$post({ param: { id }, json });

beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
  program = await createProgram(server);
  // Staff of the program: staff work only on the programs they are members of.
  engineer = (await signedInClient(server, 'engineer', { programs: [program.id] })).client;
  tester = (await signedInClient(server, 'internal_tester', { programs: [program.id] })).client;
  r1 = await openRelease(program.id);
  r2 = await openRelease(program.id);
  const other = await createProgram(server);
  otherRelease = await openRelease(other.id);
  mvps.ana = await mvpIn('ana-finds', [r1.id], program.id);
  mvps.ben = await mvpIn('ben-finds', [r1.id], program.id);
  mvps.cleo = await mvpIn('cleo-finds', [r2.id], program.id);
  mvps.dev = await mvpIn('dev-finds', [otherRelease.id], other.id);
});
afterAll(() => server?.stop());

/** Ana's report, with her secrets in its text, environment and a file. */
async function anaFiles(title: string) {
  const log = await upload(mvps.ana.client, secretLog, 'session.log');
  const report = await file(mvps.ana.client, r1.id, title, {
    steps: 'Paste the invoice from the clipboard',
    expected: 'The totals add up',
    actual: 'Crash',
    environment: { os: 'Ana-OS 11' },
    attachmentIds: [log.id],
  });
  return { report, log };
}

function expectNoneOf(body: unknown, secrets: string[]) {
  const text = JSON.stringify(body);
  for (const secret of secrets) expect(text, `leaks ${secret}`).not.toContain(secret);
}

describe('suggestions', () => {
  it("give another customer's report as a public summary only: title, status, priority, counts", async () => {
    const { report } = await anaFiles('Invoice paste crashes the editor');
    const found = await bodyOf(await similar(mvps.ben.client, r1.id, 'invoice paste crash'), 200);
    const item = found.items.find((entry) => entry.id === report.id);
    expect(item).toEqual({
      id: report.id,
      title: 'Invoice paste crashes the editor',
      status: 'new',
      priority: null,
      createdAt: report.createdAt,
      meTooCount: 0,
      mine: false,
    });
    expectNoneOf(found, [...anaSecrets, mvps.ana.handle, mvps.ana.name]);
  });

  it('never offer customers internal reports unless the program opts in; staff always see them', async () => {
    const internal = await file(tester, r1.id, 'Ledger export drops the vendor code');
    const forBen = await bodyOf(await similar(mvps.ben.client, r1.id, 'ledger export vendor'), 200);
    expect(forBen.items.map((item) => item.id)).not.toContain(internal.id);
    expect((await meToo(mvps.ben.client, internal.id)).status).toBe(404);
    const forStaff = await bodyOf(await similar(engineer, r1.id, 'ledger export vendor'), 200);
    expect(forStaff.items.map((item) => item.id)).toContain(internal.id);

    await server.prisma.program.update({ where: { id: program.id }, data: { suggestInternalReports: true } });
    try {
      const offered = await bodyOf(await similar(mvps.ben.client, r1.id, 'ledger export vendor'), 200);
      expect(offered.items.map((item) => item.id)).toContain(internal.id);
      await bodyOf(await meToo(mvps.ben.client, internal.id), 201);
    } finally {
      await server.prisma.program.update({ where: { id: program.id }, data: { suggestInternalReports: false } });
    }
  });

  it('stay within the releases the caller takes part in', async () => {
    await anaFiles('Currency symbol lost on paste');
    for (const mvp of [mvps.cleo, mvps.dev])
      expect((await similar(mvp.client, r1.id, 'currency paste')).status).toBe(404);
  });
});

describe('me too', () => {
  it("records the co-finder's own entry, and shows them the summary and their entry, never the report", async () => {
    const { report, log } = await anaFiles('Printing an invoice shows the wrong totals');
    expect((await read(mvps.ben.client, report.id)).status).toBe(404);
    const benLog = await upload(mvps.ben.client, 'ben saw it on a second monitor\n', 'ben.log');
    await bodyOf(
      await meToo(mvps.ben.client, report.id, {
        note: 'Same on my laptop',
        environment: { os: 'Ben-OS 3' },
        attachmentIds: [benLog.id],
      }),
      201,
    );

    const view = await bodyOf(await read(mvps.ben.client, report.id), 200);
    if (view.view !== 'co-finder') throw new Error(`expected the co-finder view, got ${view.view}`);
    expect(view).toMatchObject({ title: report.title, status: 'new', meTooCount: 1, yourRole: 'co-finder' });
    expect(view.yourEntry).toMatchObject({
      note: 'Same on my laptop',
      environment: { os: 'Ben-OS 3' },
      attachments: [expect.objectContaining({ id: benLog.id, fileName: 'ben.log' })],
    });
    expectNoneOf(view, [...anaSecrets, log.id, mvps.ana.handle, mvps.ana.name]);

    // Files: each customer reads their own; staff read both.
    expect((await readFile(mvps.ben.client, log.id)).status).toBe(404);
    expect((await readFile(mvps.ben.client, benLog.id)).status).toBe(200);
    expect((await readFile(mvps.ana.client, benLog.id)).status).toBe(404);
    const anaLog = await readFile(mvps.ana.client, log.id);
    expect(await anaLog.text()).toBe(secretLog);
    for (const id of [log.id, benLog.id]) expect((await readFile(engineer, id)).status).toBe(200);

    // The reporter learns that someone found it too, not who, nor what they wrote.
    const anaView = await bodyOf(await read(mvps.ana.client, report.id), 200);
    if (anaView.view !== 'full') throw new Error('the reporter reads her report in full');
    expect(anaView).toMatchObject({ meTooCount: 1, coFinders: [], steps: 'Paste the invoice from the clipboard' });
    expectNoneOf(anaView, ['Same on my laptop', 'Ben-OS 3', benLog.id, mvps.ben.handle, mvps.ben.name]);

    // Staff read every entry with its files.
    const staffView = await bodyOf(await read(engineer, report.id), 200);
    if (staffView.view !== 'full') throw new Error('staff read the report in full');
    expect(staffView.coFinders).toEqual([
      expect.objectContaining({
        note: 'Same on my laptop',
        environment: { os: 'Ben-OS 3' },
        attachments: [expect.objectContaining({ id: benLog.id })],
      }),
    ]);
    expect(staffView.attachments.map((attachment) => attachment.id)).toEqual([log.id]);
  });

  it("refuses another customer's file, or one already attached, recording nothing", async () => {
    const { report, log } = await anaFiles('Zoom resets after saving');
    const response = await meToo(mvps.ben.client, report.id, { attachmentIds: [log.id] });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors).toEqual([
      { field: 'attachmentIds.0', message: 'No such file of yours' },
    ]);
    expect(await server.prisma.reportFinder.count({ where: { reportId: report.id } })).toBe(0);
    expect(
      await server.prisma.attachment.findUniqueOrThrow({ where: { id: log.id }, select: { finderId: true } }),
    ).toEqual({
      finderId: null,
    });
  });

  it('is 404 to customers of another release or program, who learn nothing', async () => {
    const { report } = await anaFiles('Autosave skips the last edit');
    for (const mvp of [mvps.cleo, mvps.dev]) {
      const said = await meToo(mvp.client, report.id);
      expect(said.status).toBe(404);
      expect((await readProblem(said)).detail).toBe('No such report.');
      expect((await read(mvp.client, report.id)).status).toBe(404);
      expect((await comment(mvp.client, report.id, { body: 'hello?' })).status).toBe(404);
    }
    expect(await server.prisma.reportFinder.count({ where: { reportId: report.id } })).toBe(0);
  });
});

describe('comments', () => {
  it("keep each customer in their own thread, with staff's replies where they belong", async () => {
    const { report } = await anaFiles('Column widths reset on reload');
    await bodyOf(await meToo(mvps.ben.client, report.id, { note: 'Me too' }), 201);
    const fromBen = await bodyOf(await comment(mvps.ben.client, report.id, { body: 'Ben: happens hourly' }), 201);
    const benView = await bodyOf(await read(mvps.ben.client, report.id), 200);
    if (benView.view !== 'co-finder') throw new Error('co-finder view expected');
    expect(fromBen.coFinderEntryId).toBe(benView.yourEntry.id);
    await bodyOf(await comment(mvps.ana.client, report.id, { body: 'Ana: my invoice number is 4711' }), 201);
    await bodyOf(await comment(engineer, report.id, { body: 'Engineering: fix is on its way' }), 201);
    await bodyOf(
      await comment(engineer, report.id, { body: 'To Ben: which monitor?', coFinderEntryId: benView.yourEntry.id }),
      201,
    );

    const texts = async (client: TestClient) =>
      (await bodyOf(await read(client, report.id), 200)).timeline.flatMap((entry) => (entry.text ? [entry.text] : []));
    expect(await texts(mvps.ana.client)).toEqual(['Ana: my invoice number is 4711', 'Engineering: fix is on its way']);
    expect(await texts(mvps.ben.client)).toEqual([
      'Ben: happens hourly',
      'Engineering: fix is on its way',
      'To Ben: which monitor?',
    ]);
    expect(await texts(engineer)).toHaveLength(4);

    // A customer cannot write into another thread, nor staff into another report's entry.
    const stray = await comment(mvps.ben.client, report.id, {
      body: 'sneaky',
      coFinderEntryId: '01900000-0000-7000-8000-000000000000',
    });
    expect(stray.status).toBe(400);
    expect((await readProblem(stray)).errors?.[0]?.field).toBe('coFinderEntryId');
    const { report: otherReport } = await anaFiles('Comments land elsewhere');
    const misplaced = await comment(engineer, otherReport.id, { body: 'x', coFinderEntryId: benView.yourEntry.id });
    expect(misplaced.status).toBe(400);
    expect(await server.prisma.reportComment.count({ where: { body: { in: ['sneaky', 'x'] } } })).toBe(0);
  });
});

describe("a customer's timeline", () => {
  it('tells engineering progress without issue numbers, links, logins or other reports', async () => {
    const { report } = await anaFiles('Tax rounding differs by a cent');
    const { report: canonical } = await anaFiles('Rounding of taxes');
    await bodyOf(await meToo(mvps.ben.client, report.id, { note: 'Me too' }), 201);
    // What the GitHub sync records as it goes (api/sync, api/github-inbound).
    const issueUrl = 'https://github.com/acme/desktop/issues/4242';
    await server.prisma.reportEvent.createMany({
      data: [
        { reportId: report.id, kind: 'synced', data: { issueNumber: 4242, issueUrl } },
        { reportId: report.id, kind: 'triaged', data: { priority: 'P1' } },
        {
          reportId: report.id,
          kind: 'duplicate_of',
          data: { reportId: canonical.id, issueRepo: 'acme/desktop', issueNumber: 4243 },
        },
        {
          reportId: report.id,
          kind: 'moved',
          data: { fromRepo: 'acme/desktop', fromNumber: 4242, toRepo: 'acme/secret-repo', toNumber: 9, url: issueUrl },
        },
      ],
    });
    const fromGithub = await server.prisma.reportComment.create({
      data: {
        reportId: report.id,
        authorLogin: 'octo-engineer',
        authorAssociation: 'MEMBER',
        visibility: 'public',
        body: 'Looking into it',
        githubCommentId: 987654321n,
      },
    });
    await server.prisma.reportEvent.create({
      data: {
        reportId: report.id,
        kind: 'comment',
        data: { commentId: fromGithub.id, login: 'octo-engineer', url: `${issueUrl}#issuecomment-987654321` },
      },
    });

    const hidden = ['4242', '4243', 'github.com', 'octo-engineer', 'acme/', canonical.id];
    for (const mvp of [mvps.ana, mvps.ben]) {
      const page = await bodyOf(await read(mvp.client, report.id), 200);
      expectNoneOf(page.timeline, hidden);
      expect(page.timeline.map((entry) => entry.kind)).toEqual(
        expect.arrayContaining(['synced', 'triaged', 'duplicate_of', 'moved', 'comment']),
      );
      expect(page.timeline.find((entry) => entry.kind === 'triaged')?.data).toEqual({ priority: 'P1' });
      expect(page.timeline.find((entry) => entry.kind === 'comment')?.actor).toEqual({
        displayName: 'Engineering',
        handle: null,
        role: null,
      });
    }
    // Who said "me too" stays between them and staff; the reporter sees that someone did.
    const anaTimeline = (await bodyOf(await read(mvps.ana.client, report.id), 200)).timeline;
    expect(anaTimeline.find((entry) => entry.kind === 'me_too')?.actor).toBeNull();
    const benTimeline = (await bodyOf(await read(mvps.ben.client, report.id), 200)).timeline;
    expect(benTimeline.find((entry) => entry.kind === 'filed')?.actor).toBeNull();

    const staffTimeline = (await bodyOf(await read(engineer, report.id), 200)).timeline;
    expect(JSON.stringify(staffTimeline)).toContain('4242');
    expect(staffTimeline.find((entry) => entry.kind === 'duplicate_of')?.data).toMatchObject({
      reportId: canonical.id,
    });
    expect(staffTimeline.find((entry) => entry.kind === 'comment')?.actor?.displayName).toBe('octo-engineer');
  });
});

describe('leaderboards', () => {
  it('do not lift an MVP up for a spree of "me too" across a release', async () => {
    const release = await openRelease(program.id);
    const suffix = release.id.slice(-6);
    const finder = await mvpIn(`finder-${suffix}`, [release.id], program.id);
    const rival = await mvpIn(`rival-${suffix}`, [release.id], program.id);
    const farmer = await mvpIn(`farmer-${suffix}`, [release.id], program.id);
    const triage = (id: string) =>
      server.prisma.report.update({ where: { id }, data: { priority: 'P1', status: 'triaged', issueLabels: ['P1'] } });
    // finder finds two priority bugs, rival one, farmer one; then farmer says "me too" to thirty.
    for (const n of [1, 2]) await triage((await file(finder.client, release.id, `Finder bug ${n}`)).id);
    await triage((await file(rival.client, release.id, 'Rival bug')).id);
    await triage((await file(farmer.client, release.id, 'Farmer bug')).id);
    const board = async () =>
      (await bodyOf(await lead.api.api.releases[':id'].leaderboard.$get({ param: { id: release.id } }), 200)).entries
        .map((entry) => [entry.displayName, entry.rank, entry.score])
        .sort((a, b) => Number(a[1]) - Number(b[1]) || String(a[0]).localeCompare(String(b[0])));
    const before = await board();
    expect(before).toEqual([
      [finder.handle, 1, 6],
      [farmer.handle, 2, 3],
      [rival.handle, 2, 3],
    ]);

    const { client: staff } = await signedInClient(server, 'internal_tester', { programs: [program.id] });
    const others = [];
    for (let n = 0; n < 30; n++) {
      const report = await file(n % 2 ? staff : finder.client, release.id, `Known priority bug ${n}`);
      await triage(report.id);
      others.push(report.id);
    }
    // An MVP with no find of their own joins the spree too.
    const idle = await mvpIn(`idle-${suffix}`, [release.id], program.id);
    await server.prisma.program.update({ where: { id: program.id }, data: { suggestInternalReports: true } });
    try {
      for (const id of others) {
        await bodyOf(await meToo(farmer.client, id), 201);
        await bodyOf(await meToo(idle.client, id), 201);
      }
    } finally {
      await server.prisma.program.update({ where: { id: program.id }, data: { suggestInternalReports: false } });
    }

    const after = await board();
    // The finder's own new finds raise them; farmer stays level with rival; idle earns no place.
    expect(after).toEqual([
      [finder.handle, 1, 51],
      [farmer.handle, 2, 3],
      [rival.handle, 2, 3],
    ]);
    const farmerStanding = await bodyOf(await farmer.client.api.api.me.recognition.$get(), 200);
    const inRelease = farmerStanding.programs[0]?.releases.find((entry) => entry.releaseId === release.id);
    expect(inRelease?.standing).toMatchObject({ rank: 2, score: 3, finds: 1, coFinds: 30 });
    const idleStanding = await bodyOf(await idle.client.api.api.me.recognition.$get(), 200);
    expect(idleStanding.programs[0]?.overall).toMatchObject({ rank: null, score: 0, coFinds: 30 });
  });
});
