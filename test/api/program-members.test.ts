import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/generated/prisma/client.ts';
import { createProgram, createRelease, createReport } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// Engineers and internal testers work only on the programs they are members of; a member marked
// lead also manages that program. Two programs, each with a release and a report, and staff placed
// in one, the other, both or neither: whatever belongs to a program a staff member is not in
// answers 404, as for something that does not exist.

let server: TestServer;
let admin: TestClient;
type Program = { id: string; releaseId: string; reportId: string };
let mine: Program;
let theirs: Program;

beforeAll(async () => {
  server = await startTestServer();
  admin = (await signedInClient(server, 'admin')).client;
  mine = await programWithReport();
  theirs = await programWithReport();
});
afterAll(() => server?.stop());

const unknownId = '01900000-0000-7000-8000-000000000000';

async function programWithReport(): Promise<Program> {
  const program = await createProgram(server);
  const release = await createRelease(server, program.id, { version: '1.0', testingNow: true });
  const report = await createReport(server, release, (await server.createUser('mvp')).id);
  return { id: program.id, releaseId: release.id, reportId: report.id };
}

/** A method and path with an optional JSON body: the status the client gets. */
async function statusOf(client: TestClient, method: string, path: string, body?: unknown): Promise<number> {
  const response = body === undefined ? await client.request(path, { method }) : await client.json(method, path, body);
  if (response.status >= 400) await readProblem(response);
  else await response.arrayBuffer();
  return response.status;
}

/** What a member of `program` reads of it; the engineer-only sync page is listed apart. */
function programReads(program: Program): [string, string, unknown?][] {
  return [
    ['GET', `/api/programs/${program.id}`],
    ['GET', `/api/programs/${program.id}/releases`],
    ['GET', `/api/releases/${program.releaseId}`],
    ['GET', `/api/programs/${program.id}/reports`],
    ['GET', `/api/reports/${program.reportId}`],
    ['GET', `/api/programs/${program.id}/stats`],
    ['GET', `/api/releases/${program.releaseId}/stats`],
    ['GET', `/api/programs/${program.id}/stats/clusters`],
    ['GET', `/api/programs/${program.id}/rescue`],
    ['GET', `/api/programs/${program.id}/rescue-stats`],
    ['GET', `/api/programs/${program.id}/verification-stats`],
    ['GET', `/api/reports/${program.reportId}/verification`],
    ['GET', `/api/releases/${program.releaseId}/leaderboard`],
    ['GET', `/api/programs/${program.id}/leaderboard`],
    ['GET', `/api/programs/${program.id}/members`],
    ['POST', `/api/releases/${program.releaseId}/similar-reports`, { title: 'Crash' }],
  ];
}

const releaseBody = (version: string) => ({
  version,
  build: '200',
  testStart: '2026-01-01T00:00:00Z',
  testEnd: '2026-02-01T00:00:00Z',
});

async function leadOf(program: Program, alsoMemberOf: Program[] = []) {
  const signedIn = await signedInClient(server, 'engineer', { programs: [program.id], lead: true });
  await server.addToPrograms(
    signedIn.user.id,
    alsoMemberOf.map((other) => other.id),
  );
  return signedIn;
}

describe('members and leads, as admins set them', () => {
  it('adds an engineer, makes them lead, lists them, and removes them; each change is audited', async () => {
    const engineer = await server.createUser('engineer');
    const program = await programWithReport();
    const put = (lead: boolean) =>
      admin.api.api.programs[':id'].members[':userId'].$put({
        param: { id: program.id, userId: engineer.id },
        json: { lead },
      });

    const added = await bodyOf(await put(false), 200);
    expect(added).toMatchObject({ userId: engineer.id, role: 'engineer', lead: false, email: engineer.email });
    expect(await bodyOf(await put(true), 200)).toMatchObject({ userId: engineer.id, lead: true });
    // The same again changes nothing and records nothing.
    await bodyOf(await put(true), 200);

    const list = await bodyOf(await admin.api.api.programs[':id'].members.$get({ param: { id: program.id } }), 200);
    expect(list.canManage).toBe(true);
    expect(list.items.map((member) => [member.userId, member.lead])).toEqual([[engineer.id, true]]);
    expect(list.candidates.map((candidate) => candidate.id)).not.toContain(engineer.id);

    const remove = () =>
      admin.api.api.programs[':id'].members[':userId'].$delete({ param: { id: program.id, userId: engineer.id } });
    expect((await remove()).status).toBe(204);
    expect((await readProblem(await remove())).status).toBe(404);

    const audit = await server.prisma.auditEntry.findMany({
      where: { action: 'program.member_changed', programId: program.id, subjectId: engineer.id },
      orderBy: { at: 'asc' },
      select: { before: true, after: true },
    });
    expect(audit).toEqual([
      { before: { member: false }, after: { member: true, lead: false } },
      { before: { member: true, lead: false }, after: { member: true, lead: true } },
      { before: { member: true }, after: { member: false } },
    ]);
  });

  it('offers as candidates only enabled engineers and internal testers who are not members yet', async () => {
    const program = await programWithReport();
    const tester = await server.createUser('internal_tester');
    const disabled = await server.createUser('engineer');
    await server.prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const otherAdmin = await server.createUser('admin');
    const customer = await server.createUser('mvp');
    const list = await bodyOf(await admin.api.api.programs[':id'].members.$get({ param: { id: program.id } }), 200);
    const ids = list.candidates.map((candidate) => candidate.id);
    expect(ids).toContain(tester.id);
    for (const absent of [disabled.id, otherAdmin.id, customer.id]) expect(ids).not.toContain(absent);
  });

  it('refuses admins (who work on every program), customers and unknown accounts as members', async () => {
    const program = await programWithReport();
    const otherAdmin = await server.createUser('admin');
    const customer = await server.createUser('mvp');
    const put = (userId: string, json: unknown = { lead: false }) =>
      admin.json('PUT', `/api/programs/${program.id}/members/${userId}`, json);
    const refused = await readProblem(await put(otherAdmin.id));
    expect({ status: refused.status, fields: refused.errors?.map((error) => error.field) }).toEqual({
      status: 400,
      fields: ['userId'],
    });
    expect((await readProblem(await put(customer.id))).status).toBe(404);
    expect((await readProblem(await put(unknownId))).status).toBe(404);
    expect((await readProblem(await put('not-an-id'))).status).toBe(400);
    const tester = await server.createUser('internal_tester');
    expect((await readProblem(await put(tester.id, { lead: 'yes' }))).status).toBe(400);
    expect((await readProblem(await put(tester.id, { lead: true, role: 'admin' }))).status).toBe(400);
    const nowhere = await admin.json('PUT', `/api/programs/${unknownId}/members/${tester.id}`, { lead: false });
    expect((await readProblem(nowhere)).status).toBe(404);
    expect(
      await server.prisma.programMember.count({ where: { userId: { in: [otherAdmin.id, customer.id, tester.id] } } }),
    ).toBe(0);
  });
});

describe('what a member sees', () => {
  it.each(['engineer', 'internal_tester'] as const)(
    'an %s sees their program, and every page of another program is 404',
    async (role: Role) => {
      const { client } = await signedInClient(server, role, { programs: [mine.id] });
      const list = await bodyOf(await client.api.api.programs.$get(), 200);
      expect(list.items.map((program) => program.id)).toEqual([mine.id]);

      for (const [method, path, body] of programReads(mine)) {
        expect(`${method} ${path} → ${await statusOf(client, method, path, body)}`).toBe(`${method} ${path} → 200`);
      }
      for (const [method, path, body] of programReads(theirs)) {
        expect(`${method} ${path} → ${await statusOf(client, method, path, body)}`).toBe(`${method} ${path} → 404`);
      }
      const comment = { body: 'Seen on my machine too.', visibility: 'team' };
      expect(await statusOf(client, 'POST', `/api/reports/${theirs.reportId}/comments`, comment)).toBe(404);
      expect(await statusOf(client, 'POST', `/api/reports/${mine.reportId}/comments`, comment)).toBe(201);
      expect(await statusOf(client, 'POST', `/api/reports/${theirs.reportId}/me-too`, { note: 'Me too' })).toBe(404);
      const filing = (releaseId: string, clientKey: string) => ({
        releaseId,
        title: 'Export hangs',
        steps: 'Export',
        expected: 'A file',
        actual: 'Nothing',
        severity: 'minor',
        clientKey,
      });
      expect(await statusOf(client, 'POST', '/api/reports', filing(theirs.releaseId, `${role}-theirs`))).toBe(404);
      expect(await statusOf(client, 'POST', '/api/reports', filing(mine.releaseId, `${role}-mine`))).toBe(201);
      expect(await server.prisma.report.count({ where: { programId: theirs.id, title: 'Export hangs' } })).toBe(0);
    },
  );

  it('an engineer reads the sync health of their program only, and retries only its jobs', async () => {
    const { client } = await signedInClient(server, 'engineer', { programs: [mine.id] });
    expect(await statusOf(client, 'GET', `/api/programs/${mine.id}/sync`)).toBe(200);
    expect(await statusOf(client, 'GET', `/api/programs/${theirs.id}/sync`)).toBe(404);
    const job = await server.prisma.syncJob.create({
      data: {
        kind: 'create_issue',
        key: `create_issue:${theirs.reportId}`,
        programId: theirs.id,
        reportId: theirs.reportId,
        status: 'dead',
        attempts: 8,
        lastError: 'gone',
      },
      select: { id: true },
    });
    expect(await statusOf(client, 'POST', `/api/sync-jobs/${job.id}/retry`)).toBe(404);
    expect(await server.prisma.syncJob.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } })).toEqual({
      status: 'dead',
    });
    expect(await statusOf(client, 'PUT', `/api/reports/${theirs.reportId}/fixed-in`, { build: '9' })).toBe(404);
    expect(await statusOf(client, 'PUT', `/api/reports/${mine.reportId}/fixed-in`, { build: '9' })).toBe(200);
  });

  it('staff of no program see an empty list, and admins see every program', async () => {
    const { client } = await signedInClient(server, 'internal_tester');
    expect((await bodyOf(await client.api.api.programs.$get(), 200)).items).toEqual([]);
    expect(await statusOf(client, 'GET', `/api/programs/${mine.id}`)).toBe(404);
    const all = (await bodyOf(await admin.api.api.programs.$get(), 200)).items.map((program) => program.id);
    expect(all).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('a member taken off the program loses it at once', async () => {
    const { user, client } = await signedInClient(server, 'engineer', { programs: [mine.id] });
    expect(await statusOf(client, 'GET', `/api/reports/${mine.reportId}`)).toBe(200);
    const removed = await admin.api.api.programs[':id'].members[':userId'].$delete({
      param: { id: mine.id, userId: user.id },
    });
    expect(removed.status).toBe(204);
    expect(await statusOf(client, 'GET', `/api/reports/${mine.reportId}`)).toBe(404);
    expect(await statusOf(client, 'GET', `/api/programs/${mine.id}/stats`)).toBe(404);
  });
});

describe('what a lead manages', () => {
  it("manages their program's releases, cohort and settings, but not another's", async () => {
    const program = await programWithReport();
    const { client } = await leadOf(program, [theirs]);

    const created = await bodyOf(
      await client.api.api.programs[':id'].releases.$post({ param: { id: program.id }, json: releaseBody('2.0') }),
      201,
    );
    expect(await statusOf(client, 'PATCH', `/api/releases/${created.id}`, { build: '201' })).toBe(200);
    expect(await statusOf(client, 'GET', `/api/releases/${program.releaseId}/cohort`)).toBe(200);
    const invitees = [{ email: `invitee-${program.id}@example.test`, name: 'Ivy', company: 'C' }];
    expect(await statusOf(client, 'POST', `/api/releases/${program.releaseId}/invitations`, { invitees })).toBe(201);
    expect(
      await statusOf(client, 'PUT', `/api/releases/${program.releaseId}/join-link`, { enabled: true, cap: 5 }),
    ).toBe(200);
    const enrolment = await server.prisma.enrolment.findFirstOrThrow({
      where: { releaseId: program.releaseId, email: invitees[0]!.email },
      select: { id: true },
    });
    expect(await statusOf(client, 'DELETE', `/api/enrolments/${enrolment.id}/invitation`)).toBe(200);
    expect(await statusOf(client, 'PATCH', `/api/programs/${program.id}`, { product: 'Acme Cloud' })).toBe(200);
    expect(await statusOf(client, 'POST', `/api/programs/${program.id}/terms`, { text: 'New terms.' })).toBe(201);

    // A member, not a lead, of the other program: 403, and nothing changes.
    expect(await statusOf(client, 'POST', `/api/programs/${theirs.id}/releases`, releaseBody('9.0'))).toBe(403);
    expect(await statusOf(client, 'PATCH', `/api/releases/${theirs.releaseId}`, { build: 'x' })).toBe(403);
    expect(await statusOf(client, 'GET', `/api/releases/${theirs.releaseId}/cohort`)).toBe(403);
    expect(await statusOf(client, 'PATCH', `/api/programs/${theirs.id}`, { product: 'Mine now' })).toBe(403);
    expect(await statusOf(client, 'POST', `/api/programs/${theirs.id}/terms`, { text: 'Mine.' })).toBe(403);
    // Not a member of a third program at all: 404.
    const third = await programWithReport();
    expect(await statusOf(client, 'POST', `/api/programs/${third.id}/releases`, releaseBody('9.0'))).toBe(404);
    expect(await statusOf(client, 'PATCH', `/api/programs/${third.id}`, { product: 'Mine now' })).toBe(404);
    expect(await statusOf(client, 'GET', `/api/releases/${third.releaseId}/cohort`)).toBe(404);

    expect(await server.prisma.release.count({ where: { programId: { in: [theirs.id, third.id] } } })).toBe(2);
    const others = await server.prisma.program.findMany({
      where: { id: { in: [theirs.id, third.id] } },
      select: { product: true },
    });
    expect(others.map((other) => other.product)).toEqual(['Acme Desktop', 'Acme Desktop']);
  });

  it('cannot create programs or manage staff and MVP accounts', async () => {
    const { client } = await leadOf(mine);
    const colleague = await server.createUser('engineer');
    const customer = await server.createUser('mvp');
    const program = { name: 'Lead-made', product: 'App', githubRepo: 'acme/app', termsText: 'Terms' };
    expect(await statusOf(client, 'POST', '/api/programs', program)).toBe(403);
    expect(await statusOf(client, 'GET', '/api/staff')).toBe(403);
    const staff = { email: 'new-staff@example.test', name: 'New', role: 'engineer' };
    expect(await statusOf(client, 'POST', '/api/staff', staff)).toBe(403);
    expect(await statusOf(client, 'PATCH', `/api/staff/${colleague.id}`, { role: 'admin' })).toBe(403);
    expect(await statusOf(client, 'POST', `/api/staff/${colleague.id}/password-link`)).toBe(403);
    expect(await statusOf(client, 'PATCH', `/api/mvps/${customer.id}`, { disabled: true })).toBe(403);
    expect(await server.prisma.program.count({ where: { name: 'Lead-made' } })).toBe(0);
    expect(await server.prisma.user.count({ where: { email: 'new-staff@example.test' } })).toBe(0);
  });

  it('manages the members of their program; a member who does not lead cannot, nor anyone elsewhere', async () => {
    const program = await programWithReport();
    const { client: lead } = await leadOf(program, [theirs]);
    const { user: member, client: memberClient } = await signedInClient(server, 'engineer', { programs: [program.id] });
    const tester = await server.createUser('internal_tester');

    const seenByLead = await bodyOf(
      await lead.api.api.programs[':id'].members.$get({ param: { id: program.id } }),
      200,
    );
    expect(seenByLead.canManage).toBe(true);
    expect(seenByLead.candidates.map((candidate) => candidate.id)).toContain(tester.id);
    const seenByMember = await bodyOf(
      await memberClient.api.api.programs[':id'].members.$get({ param: { id: program.id } }),
      200,
    );
    expect({ canManage: seenByMember.canManage, candidates: seenByMember.candidates }).toEqual({
      canManage: false,
      candidates: [],
    });

    expect(await statusOf(lead, 'PUT', `/api/programs/${program.id}/members/${tester.id}`, { lead: false })).toBe(200);
    expect(
      await statusOf(memberClient, 'PUT', `/api/programs/${program.id}/members/${tester.id}`, { lead: true }),
    ).toBe(403);
    expect(await statusOf(memberClient, 'DELETE', `/api/programs/${program.id}/members/${tester.id}`)).toBe(403);
    // The lead is a plain member of `theirs`, and not in `mine` at all.
    expect(await statusOf(lead, 'PUT', `/api/programs/${theirs.id}/members/${member.id}`, { lead: false })).toBe(403);
    expect(await statusOf(lead, 'PUT', `/api/programs/${mine.id}/members/${member.id}`, { lead: false })).toBe(404);
    expect(await statusOf(lead, 'GET', `/api/programs/${mine.id}/members`)).toBe(404);
    expect(
      await server.prisma.programMember.findMany({ where: { userId: tester.id }, select: { lead: true } }),
    ).toEqual([{ lead: false }]);
    expect(await server.prisma.programMember.count({ where: { userId: member.id } })).toBe(1);
  });
});

describe('the session', () => {
  it('names the programs the user leads, and follows changes', async () => {
    const program = await programWithReport();
    const { user, client } = await leadOf(program, [mine]);
    const me = await bodyOf(await client.api.api.auth.me.$get(), 200);
    expect(me).toMatchObject({ id: user.id, role: 'engineer', leads: [program.id] });
    const session = await bodyOf(await client.api.api.auth.session.$get(), 200);
    expect(session.user?.leads).toEqual([program.id]);

    await bodyOf(
      await admin.api.api.programs[':id'].members[':userId'].$put({
        param: { id: program.id, userId: user.id },
        json: { lead: false },
      }),
      200,
    );
    expect((await bodyOf(await client.api.api.auth.me.$get(), 200)).leads).toEqual([]);
    expect(await statusOf(client, 'PATCH', `/api/programs/${program.id}`, { product: 'Acme Cloud' })).toBe(403);
    // Admins manage every program without leading any.
    expect((await bodyOf(await admin.api.api.auth.me.$get(), 200)).leads).toEqual([]);
  });
});
