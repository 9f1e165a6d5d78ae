import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptCurrentTerms,
  activeMvp,
  applyAndConfirm,
  createProgram,
  createRelease,
  invitationToken,
  invite,
  publishTerms,
} from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer, tokenOf } from '../support/test-server.ts';

let server: TestServer;
let lead: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
});
afterAll(() => server?.stop());

let people = 0;
/** A new MVP, active in a new release of a new program (version 1 of its terms not yet accepted). */
async function freshMvp(options: { terms?: string | null } = {}) {
  people += 1;
  const program = await createProgram(server, options);
  const release = await createRelease(server, program.id);
  const mvp = await activeMvp(server, lead, release.id, `mvp${people}@example.test`);
  return { program, release, ...mvp };
}

function acceptTerms(client: TestClient, programId: string, version: number) {
  return client.api.api.programs[':id'].terms.acceptance.$post({ param: { id: programId }, json: { version } });
}

function profileBody(handle: string) {
  return { name: 'Ada L.', company: 'Engines Ltd', handle, platforms: ['Windows 11'], devices: ['Surface Pro 9'] };
}

describe('program terms', () => {
  it("asks for a program's terms before showing its releases", async () => {
    const { client, program, release } = await freshMvp({ terms: 'Version one of the terms.' });
    const pending = { programId: program.id, programName: program.name, version: 1, text: 'Version one of the terms.' };
    expect(await bodyOf(await client.api.api.me.terms.$get(), 200)).toEqual({ items: [pending] });
    expect(await bodyOf(await client.api.api.me.releases.$get(), 200)).toEqual({
      pendingTerms: [pending],
      releases: [],
    });

    const accepted = await acceptTerms(client, program.id, 1);
    expect(await bodyOf(accepted, 201)).toEqual({ programId: program.id, version: 1, acceptedAt: expect.any(String) });
    expect(await bodyOf(await client.api.api.me.terms.$get(), 200)).toEqual({ items: [] });
    expect(await bodyOf(await client.api.api.me.releases.$get(), 200)).toEqual({
      pendingTerms: [],
      releases: [
        {
          id: release.id,
          programId: program.id,
          programName: program.name,
          product: 'Acme Desktop',
          version: release.version,
          build: expect.any(String),
          testStart: '2026-03-02T00:00:00.000Z',
          testEnd: '2026-03-30T00:00:00.000Z',
          focusAreas: ['Sync', 'Printing'],
          instructions: 'Try everything.',
          status: 'testing',
          enrolmentStatus: 'active',
        },
      ],
    });
  });

  it('records the version, the hash of the wording and the address of each acceptance, once', async () => {
    const { client, program, user } = await freshMvp({ terms: 'Hash me.' });
    expect((await acceptTerms(client, program.id, 1)).status).toBe(201);
    expect((await acceptTerms(client, program.id, 1)).status, 'accepting again changes nothing').toBe(201);
    const rows = await server.prisma.termsAcceptance.findMany({
      where: { userId: user.id, programId: program.id },
      select: { version: true, textHash: true, ip: true },
    });
    expect(rows).toEqual([
      {
        version: 1,
        textHash: createHash('sha256').update('Hash me.').digest('hex'),
        ip: expect.stringMatching(/^203\.0\.113\./),
      },
    ]);
  });

  it('asks again when a new version of the terms is published, and refuses the old version then', async () => {
    const { client, program } = await freshMvp();
    await acceptCurrentTerms(client, program.id);
    await publishTerms(server, program.id, 'Version two: now with more clauses.');

    const home = await bodyOf(await client.api.api.me.releases.$get(), 200);
    expect(home.releases).toEqual([]);
    expect(home.pendingTerms).toEqual([expect.objectContaining({ programId: program.id, version: 2 })]);

    const stale = await acceptTerms(client, program.id, 1);
    expect(stale.status).toBe(409);
    expect((await readProblem(stale)).errors).toEqual([{ field: 'version', message: expect.stringContaining('2') }]);
    expect((await acceptTerms(client, program.id, 2)).status).toBe(201);
    expect((await bodyOf(await client.api.api.me.releases.$get(), 200)).releases).toHaveLength(1);
  });

  it('shows the releases of a program without terms at once', async () => {
    const { client, release } = await freshMvp({ terms: null });
    const home = await bodyOf(await client.api.api.me.releases.$get(), 200);
    expect(home).toEqual({ pendingTerms: [], releases: [expect.objectContaining({ id: release.id })] });
  });

  it('keeps a release the MVP completed, and leaves out one they are only invited to', async () => {
    const { client, program, release, user } = await freshMvp();
    await acceptCurrentTerms(client, program.id);
    await server.prisma.release.update({ where: { id: release.id }, data: { status: 'shipped' } });
    await server.prisma.enrolment.updateMany({ where: { releaseId: release.id }, data: { status: 'completed' } });
    const next = await createRelease(server, program.id);
    await invite(lead, next.id, [{ email: user.email }]);
    const home = await bodyOf(await client.api.api.me.releases.$get(), 200);
    expect(home.releases.map((item) => [item.id, item.status, item.enrolmentStatus])).toEqual([
      [release.id, 'shipped', 'completed'],
    ]);
  });
});

describe('the MVP profile', () => {
  it("changes the name, company, handle, platforms and devices; the name is the account's", async () => {
    const { client } = await freshMvp();
    const updated = await client.api.api.me.profile.$put({ json: profileBody('Ada_Lovelace') });
    expect(await bodyOf(updated, 200)).toMatchObject({
      name: 'Ada L.',
      company: 'Engines Ltd',
      handle: 'ada_lovelace',
      platforms: ['Windows 11'],
      devices: ['Surface Pro 9'],
    });
    expect(await bodyOf(await client.api.api.auth.me.$get(), 200)).toMatchObject({ name: 'Ada L.' });
    expect(await bodyOf(await client.api.api.me.profile.$get(), 200)).toMatchObject({ handle: 'ada_lovelace' });
  });

  it('refuses a handle another MVP has, whatever its case', async () => {
    const first = await freshMvp();
    const second = await freshMvp();
    expect((await first.client.api.api.me.profile.$put({ json: profileBody('bug-hunter') })).status).toBe(200);
    const taken = await second.client.api.api.me.profile.$put({ json: profileBody('Bug-Hunter') });
    expect(taken.status).toBe(409);
    expect((await readProblem(taken)).errors).toEqual([{ field: 'handle', message: 'This handle is taken' }]);
    expect(
      (await first.client.api.api.me.profile.$put({ json: profileBody('BUG-hunter') })).status,
      'its owner keeps it',
    ).toBe(200);
  });

  it("cannot learn another program's hidden handles through _ as a wildcard", async () => {
    const hidden = await freshMvp();
    expect((await hidden.client.api.api.me.profile.$put({ json: profileBody('quiet-one') })).status).toBe(200);
    const hideResponse = await hidden.client.api.api.me.recognition.visibility.$put({
      json: { showOnLeaderboard: false },
    });
    expect(hideResponse.status).toBe(200);
    const prober = await freshMvp();
    for (const guess of ['q________', 'quiet____', 'quiet-on_', 'QUIET_ONE']) {
      const response = await prober.client.api.api.me.profile.$put({ json: profileBody(guess) });
      expect({ guess, status: response.status }).toEqual({ guess, status: 200 });
    }
    const exact = await prober.client.api.api.me.profile.$put({ json: profileBody('Quiet-One') });
    expect(exact.status).toBe(409);
  });

  it('refuses handles that are too short or do not start with a letter or digit', async () => {
    const { client } = await freshMvp();
    for (const handle of ['ab', '-abc', 'has space', 'x'.repeat(33)]) {
      const response = await client.api.api.me.profile.$put({ json: profileBody(handle) });
      expect(response.status, handle).toBe(400);
      expect((await readProblem(response)).errors?.[0]?.field).toBe('handle');
    }
  });
});

describe('isolation between programs', () => {
  it("gives an MVP of one program nothing of another's, whatever route and id they try", async () => {
    const mine = await freshMvp();
    await acceptCurrentTerms(mine.client, mine.program.id);
    // Another program, its release, one of its MVPs and one of its applicants.
    const other = await freshMvp();
    await acceptCurrentTerms(other.client, other.program.id);
    const link = await bodyOf(
      await lead.api.api.releases[':id']['join-link'].$put({
        param: { id: other.release.id },
        json: { enabled: true, cap: null },
      }),
      200,
    );
    await applyAndConfirm(server, lead, {
      token: tokenOf(link.url!),
      name: 'Other Applicant',
      email: 'other-applicant@example.test',
      company: 'Other Co',
      jobRole: 'Tester',
      platforms: [],
      devices: [],
      motivation: 'Keen.',
    });
    await invite(lead, other.release.id, [{ email: 'other-invitee@example.test' }]);
    const otherEnrolments = await server.prisma.enrolment.findMany({
      where: { releaseId: other.release.id },
      select: { id: true, status: true },
    });
    const unknown = '01900000-0000-7000-8000-000000000000';
    const api = mine.client.api.api;

    // Routes an MVP may call: the other program does not exist for them.
    const terms = await acceptTerms(mine.client, other.program.id, 1);
    const none = await acceptTerms(mine.client, unknown, 1);
    expect([terms.status, none.status]).toEqual([404, 404]);
    expect(await readProblem(terms)).toMatchObject({ detail: (await readProblem(none)).detail });
    const seen = JSON.stringify([
      await bodyOf(await api.me.terms.$get(), 200),
      await bodyOf(await api.me.releases.$get(), 200),
      await bodyOf(await api.me.profile.$get(), 200),
    ]);
    for (const secret of [other.program.id, other.program.name, other.release.id, other.user.email, 'other-'])
      expect(seen).not.toContain(secret);

    // Routes for program leads: refused alike for the other program's ids and for ids that exist nowhere.
    const releaseRoutes = (id: string) => [
      api.releases[':id'].invitations.$post({
        param: { id },
        json: { invitees: [{ email: 'sneak@example.test', name: 'Sneak', company: '' }] },
      }),
      api.releases[':id']['join-link'].$put({ param: { id }, json: { enabled: false, cap: null } }),
      api.releases[':id']['join-link'].rotate.$post({ param: { id } }),
      api.releases[':id'].cohort.$get({ param: { id }, query: {} }),
    ];
    const enrolmentRoutes = (id: string) => [
      api.enrolments[':id'].invitation.$post({ param: { id } }),
      api.enrolments[':id'].invitation.$delete({ param: { id } }),
      api.enrolments[':id'].approve.$post({ param: { id } }),
      api.enrolments[':id'].decline.$post({ param: { id } }),
      api.enrolments[':id'].remove.$post({ param: { id } }),
    ];
    const statuses = async (requests: Promise<Response>[]) =>
      Promise.all(requests.map(async (request) => (await request).status));
    expect(await statuses(releaseRoutes(other.release.id))).toEqual(await statuses(releaseRoutes(unknown)));
    expect(await statuses(releaseRoutes(other.release.id))).toEqual([403, 403, 403, 403]);
    for (const enrolment of otherEnrolments) {
      expect(await statuses(enrolmentRoutes(enrolment.id))).toEqual(await statuses(enrolmentRoutes(unknown)));
      expect(await statuses(enrolmentRoutes(enrolment.id))).toEqual([403, 403, 403, 403, 403]);
    }
    expect(
      await server.prisma.enrolment.findMany({
        where: { releaseId: other.release.id },
        select: { id: true, status: true },
      }),
      'nothing changed',
    ).toEqual(otherEnrolments);

    // Public routes answer by token only: an MVP's own session opens nothing of the other program.
    const otherToken = await invitationToken(lead, 'other-invitee@example.test');
    expect((await api.invitations.accept.$post({ json: { token: otherToken } })).status).toBe(400);
    expect(await server.prisma.enrolment.count({ where: { releaseId: other.release.id, userId: mine.user.id } })).toBe(
      0,
    );
  });
});
