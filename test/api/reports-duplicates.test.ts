import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReportBody, MeTooBody } from '../../api/reports/reports.schemas.ts';
import { createProgram, createRelease, mvpActiveIn } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// Duplicates before they happen: similar reports suggested while typing, and "me too" instead of a
// second report.

let server: TestServer;
let lead: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
});
afterAll(() => server?.stop());

const hour = 3_600_000;
const unknownId = '01900000-0000-7000-8000-000000000000';
type Release = { id: string; programId: string };

/** A new program (terms version 1) with a release in testing whose window is open now. */
async function openRelease(): Promise<Release> {
  const program = await createProgram(server);
  const release = await createRelease(server, program.id);
  await server.prisma.release.update({
    where: { id: release.id },
    data: { testStart: new Date(Date.now() - hour), testEnd: new Date(Date.now() + 24 * hour) },
  });
  return release;
}

/** A new MVP active in the release, terms accepted. */
async function mvpIn(release: Release) {
  const { user, client, enrolments } = await mvpActiveIn(server, release);
  return { user, client, enrolmentId: enrolments[0]! };
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
    clientKey: `duplicates-${keys}`,
    ...overrides,
  };
  return bodyOf(await client.api.api.reports.$post({ json }), 201);
}

function similar(client: TestClient, releaseId: string, json: { title: string; steps?: string }) {
  return client.api.api.releases[':id']['similar-reports'].$post({ param: { id: releaseId }, json });
}

function meToo(client: TestClient, reportId: string, json: MeTooBody = {}) {
  return client.api.api.reports[':id']['me-too'].$post({ param: { id: reportId }, json });
}

describe('similar reports', () => {
  let release: Release;
  let reporter: Awaited<ReturnType<typeof mvpIn>>;
  let searcher: Awaited<ReturnType<typeof mvpIn>>;
  const ids: Record<'pdf' | 'slow' | 'login' | 'steps', string> = { pdf: '', slow: '', login: '', steps: '' };
  beforeAll(async () => {
    release = await openRelease();
    reporter = await mvpIn(release);
    searcher = await mvpIn(release);
    ids.pdf = (await file(reporter.client, release.id, 'Printing a PDF crashes the editor')).id;
    ids.slow = (await file(reporter.client, release.id, 'Printing is slow with large documents')).id;
    ids.login = (await file(reporter.client, release.id, 'Login button is misaligned')).id;
    ids.steps = (
      await file(reporter.client, release.id, 'Window goes blank', {
        steps: 'Resize the window while the **spellchecker** runs.',
      })
    ).id;
    // The same words in another release are not suggested.
    const elsewhere = await openRelease();
    const { client: staff } = await signedInClient(server, 'internal_tester', { programs: [elsewhere.programId] });
    await file(staff, elsewhere.id, 'Printing a PDF crashes the editor');
  });

  it('finds reports sharing some of the words, the closest first', async () => {
    const found = await bodyOf(
      await similar(searcher.client, release.id, { title: 'The editor crashes when printing' }),
      200,
    );
    expect(found.items.map((item) => item.id)).toEqual([ids.pdf, ids.slow]);
  });

  it('matches word forms, not only the exact words', async () => {
    const found = await bodyOf(
      await similar(searcher.client, release.id, { title: 'misalignment of the LOGIN buttons' }),
      200,
    );
    expect(found.items.map((item) => item.id)).toEqual([ids.login]);
  });

  it('searches the steps of reports, and takes the steps typed so far', async () => {
    const found = await bodyOf(
      await similar(searcher.client, release.id, { title: 'Crash', steps: 'spellchecker was running' }),
      200,
    );
    expect(found.items.map((item) => item.id)).toContain(ids.steps);
  });

  it("gives another customer's report by its title and counts only, nothing of its reporter", async () => {
    const found = await bodyOf(await similar(searcher.client, release.id, { title: 'PDF export crashes' }), 200);
    expect(found.items).toEqual([
      {
        id: ids.pdf,
        title: 'Printing a PDF crashes the editor',
        status: 'new',
        priority: null,
        createdAt: expect.any(String),
        meTooCount: 0,
        mine: false,
      },
    ]);
  });

  it('marks reports the caller filed or said me too to, and counts who said it', async () => {
    const other = await mvpIn(release);
    const own = await file(other.client, release.id, 'Zoom slider jumps back');
    await bodyOf(await meToo(searcher.client, own.id), 201);
    const mine = await bodyOf(await similar(other.client, release.id, { title: 'zoom slider' }), 200);
    const theirs = await bodyOf(await similar(searcher.client, release.id, { title: 'zoom slider' }), 200);
    const staffView = await bodyOf(await similar(lead, release.id, { title: 'zoom slider' }), 200);
    expect(mine.items).toEqual([expect.objectContaining({ id: own.id, mine: true, meTooCount: 1 })]);
    expect(theirs.items).toEqual([expect.objectContaining({ id: own.id, mine: true, meTooCount: 1 })]);
    expect(staffView.items).toEqual([expect.objectContaining({ id: own.id, mine: false, meTooCount: 1 })]);
  });

  it('returns at most five', async () => {
    const busy = await openRelease();
    const { client } = await signedInClient(server, 'engineer', { programs: [busy.programId] });
    for (let n = 0; n < 7; n++) await file(client, busy.id, `Sync fails on attempt ${n}`);
    const found = await bodyOf(await similar(client, busy.id, { title: 'sync fails' }), 200);
    expect(found.items).toHaveLength(5);
  });

  it.each([
    ['nothing typed', { title: '' }],
    ['only stop words', { title: 'the and of it' }],
    ['only punctuation', { title: '!!! ?? ...' }],
    ['query syntax', { title: "it's & | ! ( 'quoted' :* <-> \\" }],
  ])('answers an empty list for %s', async (_, json) => {
    expect(await bodyOf(await similar(searcher.client, release.id, json), 200)).toEqual({ items: [] });
  });

  it('reads search syntax as plain words', async () => {
    const found = await bodyOf(await similar(searcher.client, release.id, { title: "editor's | !PDF & (crash)" }), 200);
    expect(found.items[0]?.id).toBe(ids.pdf);
  });

  it('refuses a title over 200 characters and unknown fields', async () => {
    const long = await searcher.client.json('POST', `/api/releases/${release.id}/similar-reports`, {
      title: 'x'.repeat(201),
    });
    expect((await readProblem(long)).errors?.map((error) => error.field)).toEqual(['title']);
    const extra = await searcher.client.json('POST', `/api/releases/${release.id}/similar-reports`, {
      title: 'crash',
      releaseId: release.id,
    });
    expect((await readProblem(extra)).errors?.map((error) => error.field)).toEqual(['releaseId']);
  });

  it("answers 404 for another program's release, an unknown one, and after removal from the cohort", async () => {
    const elsewhere = await openRelease();
    expect((await similar(searcher.client, elsewhere.id, { title: 'crash' })).status).toBe(404);
    expect((await similar(searcher.client, unknownId, { title: 'crash' })).status).toBe(404);
    const removed = await mvpIn(release);
    await bodyOf(await lead.api.api.enrolments[':id'].remove.$post({ param: { id: removed.enrolmentId } }), 200);
    expect((await similar(removed.client, release.id, { title: 'crash' })).status).toBe(404);
  });
});

describe('me too', () => {
  it("records an MVP as co-finder of another customer's report, which they follow from then on", async () => {
    const release = await openRelease();
    const reporter = await mvpIn(release);
    const other = await mvpIn(release);
    const report = await file(reporter.client, release.id, 'Autosave loses the last paragraph');
    expect((await other.client.api.api.reports[':id'].$get({ param: { id: report.id } })).status).toBe(404);

    const response = await meToo(other.client, report.id, {
      note: 'Also on *battery* power.',
      environment: { os: 'macOS 15', browser: 'Safari', device: '', locale: 'fr-FR' },
    });
    expect(await bodyOf(response, 201)).toEqual({
      id: report.id,
      title: report.title,
      status: 'new',
      priority: null,
      createdAt: report.createdAt,
      meTooCount: 1,
      mine: true,
    });
    const finders = await server.prisma.reportFinder.findMany({
      where: { reportId: report.id },
      select: { userId: true, source: true, note: true, environment: true },
    });
    expect(finders).toEqual([
      {
        userId: other.user.id,
        source: 'customer',
        note: 'Also on *battery* power.',
        environment: { os: 'macOS 15', browser: 'Safari', locale: 'fr-FR' },
      },
    ]);
    const events = await server.prisma.reportEvent.findMany({
      where: { reportId: report.id },
      orderBy: { id: 'asc' },
      select: { kind: true, actorId: true },
    });
    expect(events).toEqual([
      { kind: 'filed', actorId: reporter.user.id },
      { kind: 'me_too', actorId: other.user.id },
    ]);
    expect((await other.client.api.api.reports[':id'].$get({ param: { id: report.id } })).status).toBe(200);
  });

  it('records staff as internal co-finders', async () => {
    const release = await openRelease();
    const reporter = await mvpIn(release);
    const report = await file(reporter.client, release.id, 'Spellchecker underlines every word');
    const { user, client } = await signedInClient(server, 'internal_tester', { programs: [release.programId] });
    await bodyOf(await meToo(client, report.id), 201);
    const finder = await server.prisma.reportFinder.findUniqueOrThrow({
      where: { reportId_userId: { reportId: report.id, userId: user.id } },
      select: { source: true, note: true, environment: true },
    });
    expect(finder).toEqual({ source: 'internal', note: '', environment: {} });
  });

  it('refuses the reporter, and a second me too, with 409', async () => {
    const release = await openRelease();
    const reporter = await mvpIn(release);
    const other = await mvpIn(release);
    const report = await file(reporter.client, release.id, 'Dark mode flickers');
    const own = await meToo(reporter.client, report.id);
    expect(own.status).toBe(409);
    expect((await readProblem(own)).detail).toMatch(/You filed this report/);
    await bodyOf(await meToo(other.client, report.id), 201);
    const again = await meToo(other.client, report.id);
    expect(again.status).toBe(409);
    expect(await server.prisma.reportFinder.count({ where: { reportId: report.id } })).toBe(1);
  });

  it('records one me too when the same person sends it twice at once', async () => {
    const release = await openRelease();
    const reporter = await mvpIn(release);
    const other = await mvpIn(release);
    const report = await file(reporter.client, release.id, 'Tabs close on their own');
    const responses = await Promise.all([meToo(other.client, report.id), meToo(other.client, report.id)]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await server.prisma.reportFinder.count({ where: { reportId: report.id } })).toBe(1);
    expect(await server.prisma.reportEvent.count({ where: { reportId: report.id, kind: 'me_too' } })).toBe(1);
  });

  it('answers 404 to an MVP of another program, after removal from the cohort, and for an unknown report', async () => {
    const release = await openRelease();
    const reporter = await mvpIn(release);
    const report = await file(reporter.client, release.id, 'Fonts look blurry');
    const outsider = await mvpIn(await openRelease());
    const removed = await mvpIn(release);
    await bodyOf(await lead.api.api.enrolments[':id'].remove.$post({ param: { id: removed.enrolmentId } }), 200);
    const responses = [
      await meToo(outsider.client, report.id),
      await meToo(removed.client, report.id),
      await meToo(reporter.client, unknownId),
    ];
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404]);
    const details = await Promise.all(responses.map(async (response) => (await readProblem(response)).detail));
    expect(new Set(details)).toEqual(new Set(['No such report.']));
    expect(await server.prisma.reportFinder.count({ where: { reportId: report.id } })).toBe(0);
  });

  it('refuses a me too once the release no longer takes reports, with the reason', async () => {
    const release = await openRelease();
    const reporter = await mvpIn(release);
    const other = await mvpIn(release);
    const report = await file(reporter.client, release.id, 'Search finds nothing');
    await server.prisma.release.update({ where: { id: release.id }, data: { testEnd: new Date(Date.now() - 1000) } });
    const response = await meToo(other.client, report.id);
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toMatch(/closed at/);
    const { client: staff } = await signedInClient(server, 'engineer', { programs: [release.programId] });
    expect((await meToo(staff, report.id)).status).toBe(409);
    expect(await server.prisma.reportFinder.count({ where: { reportId: report.id } })).toBe(0);
  });

  it.each([
    ['a note over 5,000 characters', { note: 'x'.repeat(5_001) }, 'note'],
    ['an environment field over 200 characters', { environment: { device: 'x'.repeat(201) } }, 'environment.device'],
    ['a field of its own', { severity: 'major' }, 'severity'],
  ])('refuses %s, naming the field and recording nothing', async (_, json, field) => {
    const release = await openRelease();
    const reporter = await mvpIn(release);
    const other = await mvpIn(release);
    const report = await file(reporter.client, release.id, 'Undo skips a step');
    const response = await other.client.json('POST', `/api/reports/${report.id}/me-too`, json);
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([field]);
    expect(await server.prisma.reportFinder.count({ where: { reportId: report.id } })).toBe(0);
  });
});
