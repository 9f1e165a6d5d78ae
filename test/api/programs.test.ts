import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateProgramBody } from '../../api/programs/programs.schemas.ts';
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
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let programs = 0;
function programBody(overrides: Partial<CreateProgramBody> = {}): CreateProgramBody {
  programs += 1;
  return {
    name: `Acme Desktop MVPs ${programs}`,
    product: 'Acme Desktop',
    githubRepo: 'acme/desktop',
    termsText: 'Keep what you see to yourself.',
    ...overrides,
  };
}

async function createProgram(overrides: Partial<CreateProgramBody> = {}) {
  return bodyOf(await lead.api.api.programs.$post({ json: programBody(overrides) }), 201);
}

async function createRelease(programId: string, version = '1.0') {
  const response = await lead.api.api.programs[':id'].releases.$post({
    param: { id: programId },
    json: { version, build: '100', testStart: '2026-01-01T00:00:00Z', testEnd: '2026-02-01T00:00:00Z' },
  });
  return bodyOf(response, 201);
}

/** Enrols the user directly in the database, as the enrolment feature would. */
async function enrol(
  user: { id: string; email: string; name: string },
  releaseId: string,
  status: 'active' | 'removed' = 'active',
) {
  await server.prisma.enrolment.create({
    data: {
      releaseId,
      userId: user.id,
      email: user.email,
      name: user.name,
      company: 'Customer Co',
      status,
      source: 'invitation',
    },
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

describe('creating programs', () => {
  it('creates a program with the default priority settings and version 1 of its terms', async () => {
    const program = await createProgram({ name: 'Defaults', termsText: '  Be kind to the build.  ' });
    expect(program).toMatchObject({
      name: 'Defaults',
      product: 'Acme Desktop',
      githubRepo: 'acme/desktop',
      priorityLevels: ['P0', 'P1', 'P2', 'P3'],
      priorityLabels: [
        { label: 'P0', level: 'P0' },
        { label: 'priority: critical', level: 'P0' },
        { label: 'P1', level: 'P1' },
        { label: 'priority: high', level: 'P1' },
        { label: 'P2', level: 'P2' },
        { label: 'P3', level: 'P3' },
      ],
      priorityThreshold: 'P1',
      notActionableLabels: ['invalid', 'wontfix'],
      components: [],
      terms: { version: 1, text: 'Be kind to the build.', textHash: sha256('Be kind to the build.') },
      termsVersions: [{ version: 1, textHash: sha256('Be kind to the build.') }],
    });
    const read = await bodyOf(await lead.api.api.programs[':id'].$get({ param: { id: program.id } }), 200);
    expect(read).toEqual(program);
  });

  it('keeps the settings it is given', async () => {
    const program = await createProgram({
      githubRepo: 'Acme-Corp/desktop.app_v2-beta',
      priorityLevels: ['Sev1', 'Sev2', 'Sev3'],
      priorityLabels: [
        { label: 'sev: 1', level: 'Sev1' },
        { label: 'sev: 2', level: 'Sev2' },
      ],
      priorityThreshold: 'Sev2',
      notActionableLabels: ['not a bug'],
      components: ['Installer', 'Sync', 'Editor'],
    });
    expect(program).toMatchObject({
      githubRepo: 'Acme-Corp/desktop.app_v2-beta',
      priorityLevels: ['Sev1', 'Sev2', 'Sev3'],
      priorityLabels: [
        { label: 'sev: 1', level: 'Sev1' },
        { label: 'sev: 2', level: 'Sev2' },
      ],
      priorityThreshold: 'Sev2',
      notActionableLabels: ['not a bug'],
      components: ['Installer', 'Sync', 'Editor'],
    });
  });

  it('accepts the longest owner and repository names GitHub allows', async () => {
    const githubRepo = `${'a'.repeat(38)}b/${'r'.repeat(100)}`;
    expect((await createProgram({ githubRepo })).githubRepo).toBe(githubRepo);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a missing name', { name: '  ' }, 'name'],
    ['missing terms', { termsText: '' }, 'termsText'],
    ['a repository without owner', { githubRepo: 'desktop' }, 'githubRepo'],
    ['a repository path with more parts', { githubRepo: 'acme/desktop/extra' }, 'githubRepo'],
    ['an owner starting with a hyphen', { githubRepo: '-acme/desktop' }, 'githubRepo'],
    ['an owner with a double hyphen', { githubRepo: 'ac--me/desktop' }, 'githubRepo'],
    ['an owner of 40 characters', { githubRepo: `${'a'.repeat(40)}/desktop` }, 'githubRepo'],
    ['an owner with an underscore', { githubRepo: 'acme_corp/desktop' }, 'githubRepo'],
    ['a repository named ..', { githubRepo: 'acme/..' }, 'githubRepo'],
    ['a repository name with a space', { githubRepo: 'acme/desk top' }, 'githubRepo'],
    ['a repository name of 101 characters', { githubRepo: `acme/${'r'.repeat(101)}` }, 'githubRepo'],
    ['no priority levels', { priorityLevels: [] }, 'priorityLevels'],
    ['eleven priority levels', { priorityLevels: Array.from({ length: 11 }, (_, i) => `L${i}`) }, 'priorityLevels'],
    ['a level listed twice', { priorityLevels: ['P0', 'P1', 'p0'] }, 'priorityLevels.2'],
    ['a label of an unknown level', { priorityLabels: [{ label: 'blocker', level: 'P9' }] }, 'priorityLabels.0.level'],
    [
      'a label listed twice in another case',
      {
        priorityLabels: [
          { label: 'Blocker', level: 'P0' },
          { label: 'blocker', level: 'P1' },
        ],
      },
      'priorityLabels.1.label',
    ],
    ['a threshold that is no level', { priorityThreshold: 'P7' }, 'priorityThreshold'],
    ['levels without the default threshold', { priorityLevels: ['S1', 'S2'], priorityLabels: [] }, 'priorityThreshold'],
    ['a not-actionable label listed twice', { notActionableLabels: ['invalid', 'Invalid'] }, 'notActionableLabels.1'],
    ['a not-actionable label that means a priority', { notActionableLabels: ['p1'] }, 'notActionableLabels.0'],
    ['a component listed twice', { components: ['Sync', 'sync'] }, 'components.1'],
    ['an empty component', { components: [' '] }, 'components.0'],
    ['an unknown field', { owner: 'someone' }, 'owner'],
  ];
  it.each(invalid)('refuses %s, naming the field and storing nothing', async (_, overrides, field) => {
    const before = { programs: await server.prisma.program.count(), terms: await server.prisma.programTerms.count() };
    const response = await lead.json('POST', '/api/programs', { ...programBody(), ...overrides });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([field]);
    expect({ programs: await server.prisma.program.count(), terms: await server.prisma.programTerms.count() }).toEqual(
      before,
    );
  });

  it('creates only one of two programs given the same name at the same moment', async () => {
    const responses = await Promise.all(
      ['Racing MVPs', 'RACING MVPs'].map((name) => lead.api.api.programs.$post({ json: programBody({ name }) })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await server.prisma.program.count({ where: { name: { equals: 'racing mvps', mode: 'insensitive' } } })).toBe(
      1,
    );
  });

  it('refuses a second program with the same name, ignoring case', async () => {
    await createProgram({ name: 'Acme Mobile MVPs' });
    const response = await lead.api.api.programs.$post({ json: programBody({ name: 'acme mobile mvps' }) });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    expect(
      await server.prisma.program.count({ where: { name: { equals: 'acme mobile mvps', mode: 'insensitive' } } }),
    ).toBe(1);
  });

  it('compares names exactly: % and _ are no wildcards, and a backslash is a name like any other', async () => {
    await createProgram({ name: 'Acme Desktop MVPs' });
    for (const name of ['%', 'Acme Desktop MVP_', 'Acme%', '\\', 'Acme Desktop MVPs\\'])
      expect((await createProgram({ name })).name).toBe(name);
    const again = await lead.api.api.programs.$post({ json: programBody({ name: 'acme desktop mvp_' }) });
    expect(again.status).toBe(409);
    expect((await readProblem(again)).errors).toEqual([{ field: 'name', message: expect.any(String) }]);
  });

  it('refuses NUL and a broken surrogate in any text, naming the field, and stores nothing', async () => {
    const before = await server.prisma.program.count();
    const nul = await lead.json('POST', '/api/programs', programBody({ name: 'Acme\u0000Desktop' }));
    expect(nul.status).toBe(400);
    expect((await readProblem(nul)).errors).toEqual([{ field: 'name', message: expect.stringContaining('NUL') }]);
    // JSON.stringify writes a lone surrogate as the escape \udc00, as a client in another language might.
    const surrogate = await lead.json(
      'POST',
      '/api/programs',
      programBody({ termsText: 'Terms \udc00', components: ['A\ud800'] }),
    );
    expect(surrogate.status).toBe(400);
    expect((await readProblem(surrogate)).errors?.map((error) => error.field).sort()).toEqual([
      'components.0',
      'termsText',
    ]);
    const terms = await lead.json('POST', `/api/programs/${(await createProgram()).id}/terms`, { text: 'New\u0000' });
    expect(terms.status).toBe(400);
    expect((await readProblem(terms)).errors).toEqual([{ field: 'text', message: expect.any(String) }]);
    expect(await server.prisma.program.count()).toBe(before + 1);
  });
});

describe('editing programs', () => {
  it('changes the fields given and keeps the others', async () => {
    const program = await createProgram({ components: ['Sync'] });
    const response = await lead.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: { product: 'Acme Desktop 2', components: ['Sync', 'Editor'] },
    });
    const updated = await bodyOf(response, 200);
    expect(updated).toEqual({
      ...program,
      product: 'Acme Desktop 2',
      components: ['Sync', 'Editor'],
      updatedAt: expect.any(String),
    });
  });

  it('checks the edit against the stored settings, naming the field at fault and changing nothing', async () => {
    const program = await createProgram();
    const fewerLevels = await lead.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: { priorityLevels: ['P0', 'P1'] },
    });
    expect(fewerLevels.status).toBe(400);
    expect((await readProblem(fewerLevels)).errors?.map((error) => error.field)).toEqual([
      'priorityLabels.4.level',
      'priorityLabels.5.level',
    ]);
    const threshold = await lead.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: { priorityThreshold: 'P5' },
    });
    expect(threshold.status).toBe(400);
    expect((await readProblem(threshold)).errors?.map((error) => error.field)).toEqual(['priorityThreshold']);
    expect(
      await server.prisma.program.findUniqueOrThrow({
        where: { id: program.id },
        select: { priorityLevels: true, priorityThreshold: true },
      }),
    ).toEqual({ priorityLevels: ['P0', 'P1', 'P2', 'P3'], priorityThreshold: 'P1' });
  });

  it('takes levels, labels and threshold changed together', async () => {
    const program = await createProgram();
    const response = await lead.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: {
        priorityLevels: ['Blocker', 'Major', 'Minor'],
        priorityLabels: [{ label: 'blocker', level: 'Blocker' }],
        priorityThreshold: 'Major',
      },
    });
    expect(await bodyOf(response, 200)).toMatchObject({
      priorityLevels: ['Blocker', 'Major', 'Minor'],
      priorityLabels: [{ label: 'blocker', level: 'Blocker' }],
      priorityThreshold: 'Major',
    });
  });

  it("refuses another program's name, and takes the program's own name in another case", async () => {
    const first = await createProgram({ name: 'Acme Cloud MVPs' });
    const second = await createProgram();
    const clash = await lead.api.api.programs[':id'].$patch({
      param: { id: second.id },
      json: { name: 'ACME CLOUD MVPS' },
    });
    expect(clash.status).toBe(409);
    expect((await readProblem(clash)).errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    const own = await lead.api.api.programs[':id'].$patch({
      param: { id: first.id },
      json: { name: 'ACME Cloud MVPs' },
    });
    expect((await bodyOf(own, 200)).name).toBe('ACME Cloud MVPs');
  });

  it('refuses terms in an edit, and an empty edit', async () => {
    const program = await createProgram();
    const terms = await lead.json('PATCH', `/api/programs/${program.id}`, { termsText: 'New terms' });
    expect(terms.status).toBe(400);
    expect((await readProblem(terms)).errors?.map((error) => error.field)).toContain('termsText');
    const empty = await lead.json('PATCH', `/api/programs/${program.id}`, {});
    expect(empty.status).toBe(400);
    expect(await server.prisma.programTerms.count({ where: { programId: program.id } })).toBe(1);
  });

  it('answers 404 for an unknown program and 400 for a malformed id', async () => {
    const get = await lead.api.api.programs[':id'].$get({ param: { id: unknownId } });
    expect(get.status).toBe(404);
    const patch = await lead.api.api.programs[':id'].$patch({ param: { id: unknownId }, json: { product: 'X' } });
    expect(patch.status).toBe(404);
    const terms = await lead.api.api.programs[':id'].terms.$post({ param: { id: unknownId }, json: { text: 'T' } });
    expect(terms.status).toBe(404);
    const malformed = await lead.api.api.programs[':id'].$get({ param: { id: 'not-a-uuid' } });
    expect(malformed.status).toBe(400);
    expect((await readProblem(malformed)).errors?.[0]?.field).toBe('id');
  });
});

describe('trusted GitHub commenters and internal suggestions', () => {
  it('start empty and off, and keep what they are given at creation and on an edit', async () => {
    const plain = await createProgram();
    expect(plain).toMatchObject({ githubCommenters: [], suggestInternalReports: false });

    const program = await createProgram({ githubCommenters: [' contractor-kim ', 'Acme-Support'] });
    expect(program).toMatchObject({ githubCommenters: ['contractor-kim', 'Acme-Support'] });
    const response = await lead.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: { githubCommenters: ['a', 'b-1-c', 'x'.repeat(39)], suggestInternalReports: true },
    });
    const updated = await bodyOf(response, 200);
    expect(updated).toMatchObject({ githubCommenters: ['a', 'b-1-c', 'x'.repeat(39)], suggestInternalReports: true });
    expect(await bodyOf(await lead.api.api.programs[':id'].$get({ param: { id: program.id } }), 200)).toEqual(updated);
  });

  it('refuses what cannot be a GitHub login, and a login listed twice in another case, naming each', async () => {
    const program = await createProgram();
    const response = await lead.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: {
        githubCommenters: ['ok-login', '-lead', 'trail-', 'dou--ble', 'x'.repeat(40), 'no_under', 'OK-Login', ''],
      },
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([
      'githubCommenters.1',
      'githubCommenters.2',
      'githubCommenters.3',
      'githubCommenters.4',
      'githubCommenters.5',
      'githubCommenters.7',
      'githubCommenters.6',
    ]);
    expect(
      await server.prisma.program.findUniqueOrThrow({ where: { id: program.id }, select: { githubCommenters: true } }),
    ).toEqual({ githubCommenters: [] });
  });
});

describe('terms versions', () => {
  it('publishes a new version, numbered after the last, with the SHA-256 of its text', async () => {
    const program = await createProgram({ termsText: 'Version one.' });
    const response = await lead.api.api.programs[':id'].terms.$post({
      param: { id: program.id },
      json: { text: 'Version two.' },
    });
    expect(await bodyOf(response, 201)).toMatchObject({
      version: 2,
      text: 'Version two.',
      textHash: sha256('Version two.'),
    });
    const read = await bodyOf(await lead.api.api.programs[':id'].$get({ param: { id: program.id } }), 200);
    expect(read.terms).toMatchObject({ version: 2, text: 'Version two.' });
    expect(read.termsVersions?.map((terms) => terms.version)).toEqual([2, 1]);
  });

  it('numbers versions published at the same moment one after the other', async () => {
    const program = await createProgram();
    const responses = await Promise.all(
      ['Rewording A.', 'Rewording B.', 'Rewording C.'].map((text) =>
        lead.api.api.programs[':id'].terms.$post({ param: { id: program.id }, json: { text } }),
      ),
    );
    const versions = await Promise.all(responses.map(async (response) => (await bodyOf(response, 201)).version));
    expect(versions.sort()).toEqual([2, 3, 4]);
  });

  it('refuses to republish the current wording, naming the field', async () => {
    const program = await createProgram({ termsText: 'Same words.' });
    const response = await lead.api.api.programs[':id'].terms.$post({
      param: { id: program.id },
      json: { text: '  Same words.\n' },
    });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([{ field: 'text', message: expect.any(String) }]);
    expect(await server.prisma.programTerms.count({ where: { programId: program.id } })).toBe(1);
  });

  it('refuses empty terms', async () => {
    const program = await createProgram();
    const response = await lead.api.api.programs[':id'].terms.$post({ param: { id: program.id }, json: { text: ' ' } });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual(['text']);
    expect(await server.prisma.programTerms.count({ where: { programId: program.id } })).toBe(1);
  });
});

describe('who may see and change programs', () => {
  it.each(['engineer', 'internal_tester'] as const)('lets an %s read their programs but change none', async (role) => {
    const program = await createProgram();
    const { user, client } = await signedInClient(server, role);
    await server.addToPrograms(user.id, [program.id]);
    const list = await bodyOf(await client.api.api.programs.$get(), 200);
    expect(list.items.map((item) => item.id)).toContain(program.id);
    const read = await bodyOf(await client.api.api.programs[':id'].$get({ param: { id: program.id } }), 200);
    expect(read.priorityLabels).toEqual(program.priorityLabels);

    const before = await server.prisma.program.count();
    expect((await client.api.api.programs.$post({ json: programBody() })).status).toBe(403);
    expect(
      (await client.api.api.programs[':id'].$patch({ param: { id: program.id }, json: { product: 'X' } })).status,
    ).toBe(403);
    expect(
      (await client.api.api.programs[':id'].terms.$post({ param: { id: program.id }, json: { text: 'Mine' } })).status,
    ).toBe(403);
    expect(await server.prisma.program.count()).toBe(before);
    expect(
      await server.prisma.program.findUniqueOrThrow({ where: { id: program.id }, select: { product: true } }),
    ).toEqual({ product: 'Acme Desktop' });
    expect(await server.prisma.programTerms.count({ where: { programId: program.id } })).toBe(1);
  });

  it('shows an MVP only the programs they take part in, without GitHub or label settings', async () => {
    const mine = await createProgram();
    const other = await createProgram();
    const release = await createRelease(mine.id);
    await createRelease(other.id);
    const { user, client } = await signedInClient(server, 'mvp');
    await enrol(user, release.id);
    await acceptCurrentTerms(user.id, mine.id);

    const list = await bodyOf(await client.api.api.programs.$get(), 200);
    expect(list.items).toEqual([
      {
        id: mine.id,
        name: mine.name,
        product: mine.product,
        termsVersion: 1,
        termsAccepted: true,
        createdAt: mine.createdAt,
      },
    ]);
    const read = await bodyOf(await client.api.api.programs[':id'].$get({ param: { id: mine.id } }), 200);
    expect(read).toEqual({
      id: mine.id,
      name: mine.name,
      product: mine.product,
      components: mine.components,
      terms: mine.terms,
      createdAt: mine.createdAt,
      updatedAt: mine.updatedAt,
    });

    const hidden = await client.api.api.programs[':id'].$get({ param: { id: other.id } });
    const unknown = await client.api.api.programs[':id'].$get({ param: { id: unknownId } });
    expect(hidden.status).toBe(404);
    expect((await readProblem(hidden)).detail).toBe((await readProblem(unknown)).detail);
    expect((await client.api.api.programs.$post({ json: programBody() })).status).toBe(403);
  });

  it('asks an MVP to accept the current terms before showing the program, and again after a new version', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    const { user, client } = await signedInClient(server, 'mvp');
    await enrol(user, release.id);

    const list = await bodyOf(await client.api.api.programs.$get(), 200);
    expect(list.items).toEqual([expect.objectContaining({ id: program.id, termsVersion: 1, termsAccepted: false })]);
    const unaccepted = await client.api.api.programs[':id'].$get({ param: { id: program.id } });
    expect(unaccepted.status).toBe(403);
    expect((await readProblem(unaccepted)).code).toBe('terms_required');

    await acceptCurrentTerms(user.id, program.id);
    expect((await client.api.api.programs[':id'].$get({ param: { id: program.id } })).status).toBe(200);

    await lead.api.api.programs[':id'].terms.$post({ param: { id: program.id }, json: { text: 'Stricter terms.' } });
    const outdated = await client.api.api.programs[':id'].$get({ param: { id: program.id } });
    expect(outdated.status).toBe(403);
    expect((await readProblem(outdated)).code).toBe('terms_required');
  });

  it('hides the program from an MVP removed from its cohort', async () => {
    const program = await createProgram();
    const release = await createRelease(program.id);
    const { user, client } = await signedInClient(server, 'mvp');
    await enrol(user, release.id, 'removed');
    await acceptCurrentTerms(user.id, program.id);
    expect((await bodyOf(await client.api.api.programs.$get(), 200)).items).toEqual([]);
    expect((await client.api.api.programs[':id'].$get({ param: { id: program.id } })).status).toBe(404);
  });
});
