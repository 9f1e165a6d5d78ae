import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateReleaseBody, UpdateReleaseBody } from '../../api/releases/releases.schemas.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let lead: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
});
afterAll(() => server?.stop());

const unknownId = '01900000-0000-7000-8000-000000000000';
type EnrolmentStatus = 'invited' | 'applied' | 'active' | 'declined' | 'removed' | 'completed';

let programs = 0;
async function createProgram() {
  programs += 1;
  const response = await lead.api.api.programs.$post({
    json: { name: `Program ${programs}`, product: 'Acme Desktop', githubRepo: 'acme/desktop', termsText: 'Terms.' },
  });
  return bodyOf(response, 201);
}

let releases = 0;
function releaseBody(overrides: Partial<CreateReleaseBody> = {}): CreateReleaseBody {
  releases += 1;
  return {
    version: `2.${releases}`,
    build: `2.${releases}.1000`,
    testStart: '2026-03-01T09:00:00Z',
    testEnd: '2026-03-29T17:00:00Z',
    ...overrides,
  };
}

async function createRelease(programId: string, overrides: Partial<CreateReleaseBody> = {}) {
  const response = await lead.api.api.programs[':id'].releases.$post({
    param: { id: programId },
    json: releaseBody(overrides),
  });
  return bodyOf(response, 201);
}

async function patchRelease(id: string, json: UpdateReleaseBody) {
  return lead.api.api.releases[':id'].$patch({ param: { id }, json });
}

let people = 0;
/** A cohort member created directly in the database, as the enrolment feature would. */
async function addEnrolment(releaseId: string, status: EnrolmentStatus, userId?: string) {
  people += 1;
  return server.prisma.enrolment.create({
    data: {
      releaseId,
      userId: userId ?? null,
      email: `customer-${people}@example.test`,
      name: `Customer ${people}`,
      company: 'Customer Co',
      status,
      source: 'invitation',
      ...(status === 'active' ? { activatedAt: new Date() } : {}),
    },
    select: { id: true },
  });
}

async function addInvitation(enrolmentId: string, state: { usedAt?: Date; revokedAt?: Date } = {}) {
  people += 1;
  return server.prisma.invitation.create({
    data: { enrolmentId, tokenHash: `hash-${people}`, expiresAt: new Date(Date.now() + 86_400_000), ...state },
    select: { id: true },
  });
}

async function acceptCurrentTerms(userId: string, programId: string) {
  const terms = await server.prisma.programTerms.findFirstOrThrow({
    where: { programId },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, textHash: true },
  });
  await server.prisma.termsAcceptance.create({
    data: { userId, programId, termsId: terms.id, version: terms.version, textHash: terms.textHash },
  });
}

async function storedRelease(id: string) {
  return server.prisma.release.findUniqueOrThrow({
    where: { id },
    select: { version: true, build: true, testStart: true, testEnd: true, status: true, cohortCapacity: true },
  });
}

describe('creating releases', () => {
  it('creates a planned release with empty defaults and an empty cohort', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id, {
      version: '3.0 beta 1',
      build: '3.0.1234',
      testStart: '2026-03-01T10:00:00+01:00',
      testEnd: '2026-03-29T17:00:00Z',
    });
    expect(release).toEqual({
      id: expect.any(String),
      programId: program.id,
      programName: program.name,
      version: '3.0 beta 1',
      build: '3.0.1234',
      testStart: '2026-03-01T09:00:00.000Z',
      testEnd: '2026-03-29T17:00:00.000Z',
      focusAreas: [],
      instructions: '',
      cohortCapacity: null,
      status: 'planned',
      shippedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      cohort: { invited: 0, applied: 0, active: 0, declined: 0, removed: 0, completed: 0 },
    });
    const read = await bodyOf(await lead.api.api.releases[':id'].$get({ param: { id: release.id } }), 200);
    expect(read).toEqual(release);
  });

  it('keeps focus areas, long instructions and a cohort capacity', async () => {
    const program = await createProgram();
    const instructions = `# Try the new sync\n${'x'.repeat(20_000 - 20)}`;
    const release = await createRelease(program.id, {
      focusAreas: ['Sync', 'Offline mode'],
      instructions,
      cohortCapacity: 25,
    });
    expect(release).toMatchObject({ focusAreas: ['Sync', 'Offline mode'], instructions, cohortCapacity: 25 });
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a window that ends before it starts', { testEnd: '2026-02-01T00:00:00Z' }, 'testEnd'],
    ['a window that ends when it starts', { testEnd: '2026-03-01T09:00:00Z' }, 'testEnd'],
    ['a start that is no date', { testStart: 'next Monday' }, 'testStart'],
    ['a date without time', { testEnd: '2026-04-01' }, 'testEnd'],
    ['instructions over 20,000 characters', { instructions: 'x'.repeat(20_001) }, 'instructions'],
    ['a capacity of 0', { cohortCapacity: 0 }, 'cohortCapacity'],
    ['a fractional capacity', { cohortCapacity: 2.5 }, 'cohortCapacity'],
    ['an empty version', { version: ' ' }, 'version'],
    ['an empty build', { build: '' }, 'build'],
    ['an empty focus area', { focusAreas: ['Sync', ''] }, 'focusAreas.1'],
    ['a status at creation', { status: 'testing' }, 'status'],
  ];
  it.each(invalid)('refuses %s, naming the field and storing nothing', async (_, overrides, field) => {
    const program = await createProgram();
    const response = await lead.json('POST', `/api/programs/${program.id}/releases`, {
      ...releaseBody(),
      ...overrides,
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([field]);
    expect(await server.prisma.release.count({ where: { programId: program.id } })).toBe(0);
  });

  it('refuses a version the program has, ignoring case; another program may use it', async () => {
    const program = await createProgram();
    await createRelease(program.id, { version: '4.0-RC1' });
    const response = await lead.api.api.programs[':id'].releases.$post({
      param: { id: program.id },
      json: releaseBody({ version: '4.0-rc1' }),
    });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([{ field: 'version', message: expect.any(String) }]);
    expect(await server.prisma.release.count({ where: { programId: program.id } })).toBe(1);

    const other = await createProgram();
    expect((await createRelease(other.id, { version: '4.0-rc1' })).version).toBe('4.0-rc1');
  });

  it('compares versions exactly: % and _ are no wildcards, and a backslash is a version like any other', async () => {
    const program = await createProgram();
    await createRelease(program.id, { version: '1.0' });
    for (const version of ['1_0', '%', '1.%', '\\', '1.0\\'])
      expect((await createRelease(program.id, { version })).version).toBe(version);
    const renamed = await patchRelease((await createRelease(program.id, { version: '2.0' })).id, { version: '2_0' });
    expect((await bodyOf(renamed, 200)).version).toBe('2_0');
    expect((await patchRelease((await createRelease(program.id)).id, { version: '2_0' })).status).toBe(409);
  });

  it('refuses NUL and a broken surrogate in a release, naming the field, and stores nothing', async () => {
    const program = await createProgram();
    const nul = await lead.json('POST', `/api/programs/${program.id}/releases`, releaseBody({ version: '1\u0000' }));
    expect(nul.status).toBe(400);
    expect((await readProblem(nul)).errors).toEqual([{ field: 'version', message: expect.stringContaining('NUL') }]);
    const surrogate = await lead.json(
      'POST',
      `/api/programs/${program.id}/releases`,
      releaseBody({ instructions: 'Try \ud83d', focusAreas: ['\ude00'] }),
    );
    expect(surrogate.status).toBe(400);
    expect((await readProblem(surrogate)).errors?.map((error) => error.field).sort()).toEqual([
      'focusAreas.0',
      'instructions',
    ]);
    expect(await server.prisma.release.count({ where: { programId: program.id } })).toBe(0);
  });

  it('answers 404 for a release of an unknown program, and for an unknown release', async () => {
    const response = await lead.api.api.programs[':id'].releases.$post({
      param: { id: unknownId },
      json: releaseBody(),
    });
    expect(response.status).toBe(404);
    expect((await lead.api.api.programs[':id'].releases.$get({ param: { id: unknownId } })).status).toBe(404);
    expect((await lead.api.api.releases[':id'].$get({ param: { id: unknownId } })).status).toBe(404);
    expect((await patchRelease(unknownId, { build: 'x' })).status).toBe(404);
  });
});

describe('reading releases', () => {
  it("lists a program's releases, latest test window first", async () => {
    const program = await createProgram();
    const early = await createRelease(program.id, {
      testStart: '2026-01-01T00:00:00Z',
      testEnd: '2026-01-20T00:00:00Z',
    });
    const late = await createRelease(program.id, {
      testStart: '2026-05-01T00:00:00Z',
      testEnd: '2026-05-20T00:00:00Z',
    });
    const list = await bodyOf(await lead.api.api.programs[':id'].releases.$get({ param: { id: program.id } }), 200);
    expect(list.items.map((item) => item.id)).toEqual([late.id, early.id]);
    expect(list.items[0]).not.toHaveProperty('instructions');
  });

  it('counts the cohort by enrolment status', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    for (const status of ['invited', 'invited', 'applied', 'active', 'active', 'active', 'removed'] as const)
      await addEnrolment(release.id, status);
    const read = await bodyOf(await lead.api.api.releases[':id'].$get({ param: { id: release.id } }), 200);
    expect(read.cohort).toEqual({ invited: 2, applied: 1, active: 3, declined: 0, removed: 1, completed: 0 });
  });
});

describe('editing releases', () => {
  it('changes the fields given and keeps the others', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id, { focusAreas: ['Sync'] });
    const response = await lead.api.api.releases[':id'].$patch({
      param: { id: release.id },
      json: { build: '2.0.2000', testEnd: '2026-04-15T17:00:00Z', cohortCapacity: 10 },
    });
    expect(await bodyOf(response, 200)).toEqual({
      ...release,
      build: '2.0.2000',
      testEnd: '2026-04-15T17:00:00.000Z',
      cohortCapacity: 10,
      updatedAt: expect.any(String),
    });
  });

  it('checks a new end against the stored start, and changes nothing when it is earlier', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    const before = await storedRelease(release.id);
    const response = await patchRelease(release.id, { testEnd: '2026-02-01T00:00:00Z', build: 'other' });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual(['testEnd']);
    const both = await patchRelease(release.id, { testStart: '2026-06-01T00:00:00Z', testEnd: '2026-05-01T00:00:00Z' });
    expect(both.status).toBe(400);
    expect((await readProblem(both)).errors?.map((error) => error.field)).toEqual(['testEnd']);
    expect(await storedRelease(release.id)).toEqual(before);
  });

  it("refuses another release's version in the same program", async () => {
    const program = await createProgram();
    await createRelease(program.id, { version: '5.0' });
    const release = await createRelease(program.id, { version: '5.1' });
    const response = await patchRelease(release.id, { version: '5.0' });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([{ field: 'version', message: expect.any(String) }]);
    expect((await storedRelease(release.id)).version).toBe('5.1');
  });

  it('refuses a capacity below the invited and active cohort', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    for (const status of ['invited', 'active', 'active', 'removed', 'declined'] as const)
      await addEnrolment(release.id, status);
    const response = await patchRelease(release.id, { cohortCapacity: 2 });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([{ field: 'cohortCapacity', message: expect.any(String) }]);
    expect((await storedRelease(release.id)).cohortCapacity).toBeNull();
    expect((await bodyOf(await patchRelease(release.id, { cohortCapacity: 3 }), 200)).cohortCapacity).toBe(3);
    expect((await bodyOf(await patchRelease(release.id, { cohortCapacity: null }), 200)).cohortCapacity).toBeNull();
  });

  it('refuses an empty edit and unknown fields', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    expect((await patchRelease(release.id, {})).status).toBe(400);
    const unknown = await lead.json('PATCH', `/api/releases/${release.id}`, { shippedAt: '2026-01-01T00:00:00Z' });
    expect(unknown.status).toBe(400);
    expect((await readProblem(unknown)).errors?.map((error) => error.field)).toContain('shippedAt');
  });
});

describe('release status', () => {
  it('moves forward from planned to testing to shipped', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    const testing = await bodyOf(await patchRelease(release.id, { status: 'testing' }), 200);
    expect(testing).toMatchObject({ status: 'testing', shippedAt: null });
    const shipped = await bodyOf(await patchRelease(release.id, { status: 'shipped' }), 200);
    expect(shipped).toMatchObject({ status: 'shipped', shippedAt: expect.any(String) });
  });

  it('may ship a planned release without a testing phase', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    expect((await bodyOf(await patchRelease(release.id, { status: 'shipped' }), 200)).status).toBe('shipped');
  });

  it('refuses to move back, naming the status', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    await patchRelease(release.id, { status: 'testing' });
    const back = await patchRelease(release.id, { status: 'planned', build: 'other' });
    expect(back.status).toBe(409);
    expect((await readProblem(back)).errors).toEqual([{ field: 'status', message: expect.any(String) }]);
    expect(await storedRelease(release.id)).toMatchObject({ status: 'testing', build: release.build });
  });

  it('refuses any change to a shipped release', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    await patchRelease(release.id, { status: 'shipped' });
    const before = await storedRelease(release.id);
    const edit = await patchRelease(release.id, { build: 'late fix' });
    expect(edit.status).toBe(409);
    const reopen = await patchRelease(release.id, { status: 'testing' });
    expect(reopen.status).toBe(409);
    expect((await readProblem(reopen)).errors).toEqual([{ field: 'status', message: expect.any(String) }]);
    expect(await storedRelease(release.id)).toEqual(before);
  });

  it('completes the active cohort, ends pending invitations and applications, and closes the join link on shipping', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    const other = await createRelease(program.id);
    await server.prisma.release.updateMany({
      where: { id: { in: [release.id, other.id] } },
      data: { joinEnabled: true },
    });
    await patchRelease(release.id, { status: 'testing' });

    const activeOne = await addEnrolment(release.id, 'active');
    const activeTwo = await addEnrolment(release.id, 'active');
    const invited = await addEnrolment(release.id, 'invited');
    const removed = await addEnrolment(release.id, 'removed');
    const applied = await addEnrolment(release.id, 'applied');
    const elsewhere = await addEnrolment(other.id, 'active');
    const open = await addInvitation(invited.id);
    const used = await addInvitation(activeOne.id, { usedAt: new Date('2026-03-02T00:00:00Z') });
    const earlierRevocation = new Date('2026-03-03T00:00:00Z');
    const revoked = await addInvitation(invited.id, { revokedAt: earlierRevocation });
    const otherOpen = await addInvitation((await addEnrolment(other.id, 'invited')).id);

    const shipped = await bodyOf(await patchRelease(release.id, { status: 'shipped' }), 200);
    expect(shipped.cohort).toMatchObject({ active: 0, completed: 2, invited: 0, applied: 0, removed: 2, declined: 1 });

    const stored = await server.prisma.release.findUniqueOrThrow({
      where: { id: release.id },
      select: { status: true, shippedAt: true, joinEnabled: true },
    });
    expect(stored).toEqual({ status: 'shipped', shippedAt: new Date(shipped.shippedAt!), joinEnabled: false });

    const enrolments = await server.prisma.enrolment.findMany({
      where: { id: { in: [activeOne.id, activeTwo.id, invited.id, removed.id, applied.id, elsewhere.id] } },
      select: { id: true, status: true, endedAt: true, decidedAt: true },
    });
    const byId = new Map(enrolments.map((enrolment) => [enrolment.id, enrolment]));
    expect(byId.get(activeOne.id)).toMatchObject({ status: 'completed', endedAt: stored.shippedAt });
    expect(byId.get(activeTwo.id)).toMatchObject({ status: 'completed', endedAt: stored.shippedAt });
    expect(byId.get(invited.id)).toMatchObject({ status: 'removed', endedAt: stored.shippedAt });
    expect(byId.get(applied.id)).toMatchObject({ status: 'declined', decidedAt: stored.shippedAt });
    expect(byId.get(removed.id)).toMatchObject({ status: 'removed' });
    expect(byId.get(elsewhere.id)).toMatchObject({ status: 'active', endedAt: null });

    const invitations = await server.prisma.invitation.findMany({
      where: { id: { in: [open.id, used.id, revoked.id, otherOpen.id] } },
      select: { id: true, revokedAt: true },
    });
    const revokedAt = new Map(invitations.map((invitation) => [invitation.id, invitation.revokedAt]));
    expect(revokedAt.get(open.id)).toEqual(stored.shippedAt);
    expect(revokedAt.get(used.id)).toBeNull();
    expect(revokedAt.get(revoked.id)).toEqual(earlierRevocation);
    expect(revokedAt.get(otherOpen.id)).toBeNull();
    expect(
      (await server.prisma.release.findUniqueOrThrow({ where: { id: other.id }, select: { joinEnabled: true } }))
        .joinEnabled,
    ).toBe(true);
  });
});

describe('who may see and change releases', () => {
  it.each(['engineer', 'internal_tester'] as const)(
    'lets an %s read releases and their cohort but change none',
    async (role) => {
      const program = await createProgram();
      const release = await createRelease(program.id);
      await addEnrolment(release.id, 'active');
      const { user, client } = await signedInClient(server, role);
      await server.addToPrograms(user.id, [program.id]);
      const list = await bodyOf(await client.api.api.programs[':id'].releases.$get({ param: { id: program.id } }), 200);
      expect(list.items.map((item) => item.id)).toEqual([release.id]);
      const read = await bodyOf(await client.api.api.releases[':id'].$get({ param: { id: release.id } }), 200);
      expect(read.cohort?.active).toBe(1);

      const create = await client.api.api.programs[':id'].releases.$post({
        param: { id: program.id },
        json: releaseBody(),
      });
      expect(create.status).toBe(403);
      const ship = await client.api.api.releases[':id'].$patch({
        param: { id: release.id },
        json: { status: 'shipped' },
      });
      expect(ship.status).toBe(403);
      expect(await server.prisma.release.count({ where: { programId: program.id } })).toBe(1);
      expect((await storedRelease(release.id)).status).toBe('planned');
    },
  );

  describe('an MVP enrolled in release A of program X', () => {
    let mvp: TestClient;
    let mvpId: string;
    let x: { id: string };
    let y: { id: string };
    let a: { id: string };
    let b: { id: string };
    let yRelease: { id: string };
    beforeAll(async () => {
      const signedIn = await signedInClient(server, 'mvp');
      mvp = signedIn.client;
      mvpId = signedIn.user.id;
      x = await createProgram();
      y = await createProgram();
      a = await createRelease(x.id);
      b = await createRelease(x.id);
      yRelease = await createRelease(y.id);
      await addEnrolment(a.id, 'active', mvpId);
      // Another customer in B, so that B is not empty.
      await addEnrolment(b.id, 'active');
      await acceptCurrentTerms(mvpId, x.id);
    });

    it('sees X and A, without the cohort', async () => {
      const list = await bodyOf(await mvp.api.api.programs[':id'].releases.$get({ param: { id: x.id } }), 200);
      expect(list.items.map((item) => item.id)).toEqual([a.id]);
      const read = await bodyOf(await mvp.api.api.releases[':id'].$get({ param: { id: a.id } }), 200);
      expect(read).toMatchObject({ id: a.id, programName: expect.any(String) });
      expect(read).not.toHaveProperty('cohort');
    });

    it('gets 404 for release B of X, for program Y and for its releases, as for ids that do not exist', async () => {
      const unknown = await readProblem(await mvp.api.api.releases[':id'].$get({ param: { id: unknownId } }));
      const releaseB = await mvp.api.api.releases[':id'].$get({ param: { id: b.id } });
      expect(releaseB.status).toBe(404);
      expect((await readProblem(releaseB)).detail).toBe(unknown.detail);
      expect((await mvp.api.api.releases[':id'].$get({ param: { id: yRelease.id } })).status).toBe(404);
      expect((await mvp.api.api.programs[':id'].$get({ param: { id: y.id } })).status).toBe(404);
      expect((await mvp.api.api.programs[':id'].releases.$get({ param: { id: y.id } })).status).toBe(404);
    });

    it('cannot create or change releases', async () => {
      expect(
        (await mvp.api.api.programs[':id'].releases.$post({ param: { id: x.id }, json: releaseBody() })).status,
      ).toBe(403);
      expect((await mvp.api.api.releases[':id'].$patch({ param: { id: a.id }, json: { build: 'x' } })).status).toBe(
        403,
      );
    });

    it('gets 403 terms_required once X publishes new terms, until they accept them', async () => {
      const published = await lead.api.api.programs[':id'].terms.$post({ param: { id: x.id }, json: { text: 'v2' } });
      expect(published.status).toBe(201);
      for (const response of [
        await mvp.api.api.releases[':id'].$get({ param: { id: a.id } }),
        await mvp.api.api.programs[':id'].releases.$get({ param: { id: x.id } }),
      ]) {
        expect(response.status).toBe(403);
        expect((await readProblem(response)).code).toBe('terms_required');
      }
      // A release they are not enrolled in stays hidden rather than asking for terms.
      expect((await mvp.api.api.releases[':id'].$get({ param: { id: b.id } })).status).toBe(404);
      await acceptCurrentTerms(mvpId, x.id);
      expect((await mvp.api.api.releases[':id'].$get({ param: { id: a.id } })).status).toBe(200);
    });

    it('still sees A once it has shipped and their enrolment completed', async () => {
      await patchRelease(a.id, { status: 'shipped' });
      const read = await bodyOf(await mvp.api.api.releases[':id'].$get({ param: { id: a.id } }), 200);
      expect(read.status).toBe('shipped');
    });
  });

  it('hides the release and its program from an MVP removed from the cohort', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    const { user, client } = await signedInClient(server, 'mvp');
    await addEnrolment(release.id, 'removed', user.id);
    await acceptCurrentTerms(user.id, program.id);
    expect((await client.api.api.releases[':id'].$get({ param: { id: release.id } })).status).toBe(404);
    expect((await client.api.api.programs[':id'].releases.$get({ param: { id: program.id } })).status).toBe(404);
  });
});
