import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReportBody } from '../../api/reports/reports.schemas.ts';
import { createProgram, createRelease, mvpActiveIn, publishTerms } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// "My reports": what the caller filed or said me too to, for the reporter to follow.

let server: TestServer;
let lead: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
});
afterAll(() => server?.stop());

const hour = 3_600_000;
type Release = { id: string; programId: string; version: string; programName: string };

/** A new program (terms version 1) with a release in testing whose window is open now. */
async function openRelease(): Promise<Release> {
  const program = await createProgram(server);
  const release = await createRelease(server, program.id);
  await server.prisma.release.update({
    where: { id: release.id },
    data: { testStart: new Date(Date.now() - hour), testEnd: new Date(Date.now() + 24 * hour) },
  });
  return { ...release, programName: program.name };
}

const mvpIn = (...releases: Release[]) => mvpActiveIn(server, ...releases);

let keys = 0;
async function file(client: TestClient, releaseId: string, title: string) {
  keys += 1;
  const json: FileReportBody = {
    releaseId,
    title,
    steps: 'Try it.',
    expected: 'It works',
    actual: 'It does not',
    severity: 'minor',
    clientKey: `my-reports-${keys}`,
  };
  return bodyOf(await client.api.api.reports.$post({ json }), 201);
}

async function meToo(client: TestClient, reportId: string) {
  return bodyOf(await client.api.api.reports[':id']['me-too'].$post({ param: { id: reportId }, json: {} }), 201);
}

function myReports(client: TestClient, query: { cursor?: string; limit?: string } = {}) {
  return client.api.api.me.reports.$get({ query });
}

describe('my reports', () => {
  it("lists what the caller filed and said me too to, newest first, and no one else's", async () => {
    const first = await openRelease();
    const second = await openRelease();
    const me = await mvpIn(first, second);
    const other = await mvpIn(first);
    const filed = await file(me.client, first.id, 'Printing crashes');
    const theirs = await file(other.client, first.id, 'Export is slow');
    const untouched = await file(other.client, first.id, 'Login fails');
    await meToo(me.client, theirs.id);
    const later = await file(me.client, second.id, 'Sync stalls');
    await server.prisma.report.update({ where: { id: later.id }, data: { status: 'triaged', priority: 'P1' } });

    const page = await bodyOf(await myReports(me.client), 200);
    expect(page).toEqual({
      items: [
        {
          id: later.id,
          title: 'Sync stalls',
          releaseId: second.id,
          releaseVersion: second.version,
          programId: second.programId,
          programName: second.programName,
          status: 'triaged',
          priority: 'P1',
          createdAt: later.createdAt,
          role: 'reporter',
        },
        expect.objectContaining({ id: theirs.id, title: 'Export is slow', role: 'co-finder' }),
        expect.objectContaining({ id: filed.id, role: 'reporter', status: 'new', priority: null }),
      ],
      nextCursor: null,
    });
    const theirView = await bodyOf(await myReports(other.client), 200);
    expect(theirView.items.map((item) => [item.id, item.role])).toEqual([
      [untouched.id, 'reporter'],
      [theirs.id, 'reporter'],
    ]);
  });

  it('pages by cursor', async () => {
    const release = await openRelease();
    const { client } = await signedInClient(server, 'internal_tester', { programs: [release.programId] });
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await file(client, release.id, `Report number ${n}`)).id);
    const one = await bodyOf(await myReports(client, { limit: '2' }), 200);
    const two = await bodyOf(await myReports(client, { limit: '2', cursor: one.nextCursor! }), 200);
    const three = await bodyOf(await myReports(client, { limit: '2', cursor: two.nextCursor! }), 200);
    expect([...one.items, ...two.items, ...three.items].map((item) => item.id)).toEqual(ids.reverse());
    expect(three.nextCursor).toBeNull();
  });

  it('leaves out reports of a release the MVP no longer sees, and of a program whose new terms wait', async () => {
    const kept = await openRelease();
    const left = await openRelease();
    const pending = await openRelease();
    const me = await mvpIn(kept, left, pending);
    const stays = await file(me.client, kept.id, 'Still mine');
    await file(me.client, left.id, 'Removed from this one');
    await file(me.client, pending.id, 'Terms changed here');
    await bodyOf(await lead.api.api.enrolments[':id'].remove.$post({ param: { id: me.enrolments[1]! } }), 200);
    await publishTerms(server, pending.programId, 'Version two.');
    const page = await bodyOf(await myReports(me.client), 200);
    expect(page.items.map((item) => item.id)).toEqual([stays.id]);
  });

  it('refuses a cursor that is no id and a limit over 100', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const cursor = await client.request('/api/me/reports?cursor=abc');
    expect((await readProblem(cursor)).errors?.map((error) => error.field)).toEqual(['cursor']);
    const limit = await client.request('/api/me/reports?limit=101');
    expect((await readProblem(limit)).errors?.map((error) => error.field)).toEqual(['limit']);
  });
});
