import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateProgramBody } from '../../api/programs/programs.schemas.ts';
import { fileReportAs, createRelease as releaseInDatabase } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// The audit trail: every administrative change leaves one entry, written in the transaction of the
// change, with who, when, and the changed fields before and after. Changes go through HTTP as the
// portal makes them; the trail is read through GET /api/audit and checked in the table itself.

let server: TestServer;
let lead: TestClient;
let leadUser: { id: string; name: string };
let engineer: TestClient;
let engineerUser: { id: string; name: string };

beforeAll(async () => {
  server = await startTestServer({ SYNC_WORKER: 'false' });
  ({ client: lead, user: leadUser } = await signedInClient(server, 'admin'));
  ({ client: engineer, user: engineerUser } = await signedInClient(server, 'engineer'));
});
afterAll(() => server?.stop());

let programs = 0;
async function createProgram(overrides: Partial<CreateProgramBody> = {}) {
  programs += 1;
  const json = {
    name: `Audited MVPs ${programs}`,
    product: 'Acme Desktop',
    githubRepo: `acme/audited-${programs}`,
    termsText: 'Keep what you see to yourself.',
    ...overrides,
  };
  return bodyOf(await lead.api.api.programs.$post({ json }), 201);
}

/** The entries of one program, or about one subject, oldest first, as stored. */
async function entries(where: { programId?: string; subjectId?: string; action?: string }) {
  return server.prisma.auditEntry.findMany({
    where,
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { action: true, actorId: true, actorName: true, subjectType: true, before: true, after: true },
  });
}

function cookieOf(client: TestClient): string {
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Makes the engineer a member of the program, so that its sync and statistics are theirs to see. */
async function engineerJoins(programId: string) {
  await server.prisma.programMember.create({
    data: { programId, userId: engineerUser.id },
    select: { programId: true },
  });
}

async function auditPage(query: Record<string, string>, client: TestClient = lead) {
  return bodyOf(await client.api.api.audit.$get({ query }), 200);
}

describe('what the audit trail records', () => {
  it('records a program created, with its settings and who created it', async () => {
    const program = await createProgram({ priorityThreshold: 'P1' });
    const [created, ...others] = await entries({ programId: program.id });
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      action: 'program.created',
      actorId: leadUser.id,
      actorName: leadUser.name,
      subjectType: 'program',
      before: null,
      after: { name: program.name, priorityThreshold: 'P1', priorityLevels: ['P0', 'P1', 'P2', 'P3'] },
    });
  });

  it('records a threshold change with only the changed field before and after; a save that changes nothing records nothing', async () => {
    const program = await createProgram();
    const patch = (json: Record<string, unknown>) =>
      lead.api.api.programs[':id'].$patch({ param: { id: program.id }, json });
    await bodyOf(await patch({ priorityThreshold: 'P0', product: 'Acme Desktop' }), 200);
    await bodyOf(await patch({ priorityThreshold: 'P0' }), 200);
    const changes = await entries({ programId: program.id, action: 'program.settings_changed' });
    expect(changes).toEqual([
      {
        action: 'program.settings_changed',
        actorId: leadUser.id,
        actorName: leadUser.name,
        subjectType: 'program',
        before: { priorityThreshold: 'P1' },
        after: { priorityThreshold: 'P0' },
      },
    ]);
  });

  it('records a change of how long report files are kept with the value it had before; saving it again records nothing', async () => {
    const program = await createProgram();
    const patch = (json: Record<string, unknown>) =>
      lead.api.api.programs[':id'].$patch({ param: { id: program.id }, json });
    await bodyOf(await patch({ attachmentRetentionDays: 30 }), 200);
    await bodyOf(await patch({ attachmentRetentionDays: 30 }), 200);
    await bodyOf(await patch({ attachmentRetentionDays: null }), 200);
    const changes = await entries({ programId: program.id, action: 'program.settings_changed' });
    expect(changes.map(({ before, after }) => ({ before, after }))).toEqual([
      { before: { attachmentRetentionDays: null }, after: { attachmentRetentionDays: 30 } },
      { before: { attachmentRetentionDays: 30 }, after: { attachmentRetentionDays: null } },
    ]);
  });

  it("names a program's lead who is not an admin as the one who moved the threshold", async () => {
    const program = await createProgram();
    const { client, user } = await signedInClient(server, 'engineer');
    await server.prisma.programMember.create({
      data: { programId: program.id, userId: user.id, lead: true },
      select: { programId: true },
    });
    const response = await client.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: { priorityThreshold: 'P2' },
    });
    await bodyOf(response, 200);
    expect(await entries({ programId: program.id, action: 'program.settings_changed' })).toEqual([
      expect.objectContaining({ actorId: user.id, actorName: user.name, after: { priorityThreshold: 'P2' } }),
    ]);
    // Leading a program is no licence to read the trail.
    expect((await client.api.api.audit.$get({ query: { programId: program.id } })).status).toBe(403);
  });

  it('records a label mapping change', async () => {
    const program = await createProgram();
    const priorityLabels = [
      { label: 'P0', level: 'P0' },
      { label: 'sev: blocker', level: 'P0' },
      { label: 'P1', level: 'P1' },
    ];
    const response = await lead.api.api.programs[':id'].$patch({ param: { id: program.id }, json: { priorityLabels } });
    await bodyOf(response, 200);
    const [change, ...others] = await entries({ programId: program.id, action: 'program.settings_changed' });
    expect(others).toEqual([]);
    expect(change?.after).toEqual({ priorityLabels });
    expect(change?.before).toEqual({ priorityLabels: program.priorityLabels });
  });

  it('records nothing for a change that fails validation', async () => {
    const program = await createProgram();
    const response = await lead.api.api.programs[':id'].$patch({
      param: { id: program.id },
      json: { priorityLevels: ['High', 'Low'] },
    });
    expect(response.status).toBe(400);
    await readProblem(response);
    expect(await entries({ programId: program.id, action: 'program.settings_changed' })).toEqual([]);
  });

  it('keeps the change and its entry together: when the entry cannot be written, the change rolls back', async () => {
    const program = await createProgram();
    // A trigger that refuses this program's settings entries, standing in for a failing insert.
    await server.prisma.$executeRawUnsafe(`
      create function refuse_audit_for_test() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await server.prisma.$executeRawUnsafe(`
      create trigger refuse_audit_for_test before insert on "AuditEntry" for each row
      when (new."programId" = '${program.id}'::uuid and new.action = 'program.settings_changed')
      execute function refuse_audit_for_test()`);
    try {
      // Past the test client, which refuses an undocumented 500: this one is the point of the test.
      const response = await fetch(new URL(`/api/programs/${program.id}`, server.url), {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: cookieOf(lead) },
        body: JSON.stringify({ priorityThreshold: 'P3' }),
      });
      expect(response.status).toBe(500);
    } finally {
      await server.prisma.$executeRawUnsafe('drop trigger refuse_audit_for_test on "AuditEntry"');
      await server.prisma.$executeRawUnsafe('drop function refuse_audit_for_test()');
    }
    const stored = await server.prisma.program.findUniqueOrThrow({
      where: { id: program.id },
      select: { priorityThreshold: true },
    });
    expect(stored.priorityThreshold).toBe('P1');
  });

  it('records terms published with their versions, and nothing for a refused republication', async () => {
    const program = await createProgram();
    const publish = (text: string) =>
      lead.api.api.programs[':id'].terms.$post({ param: { id: program.id }, json: { text } });
    const terms = await bodyOf(await publish('Version two.'), 201);
    expect((await publish('Version two.')).status).toBe(409);
    const published = await entries({ programId: program.id, action: 'terms.published' });
    expect(published).toEqual([
      {
        action: 'terms.published',
        actorId: leadUser.id,
        actorName: leadUser.name,
        subjectType: 'terms',
        before: { version: 1, textHash: expect.any(String) },
        after: { version: 2, textHash: terms.textHash },
      },
    ]);
  });

  it('records a release created, changed and shipped, and nothing for a refused change', async () => {
    const program = await createProgram();
    const created = await bodyOf(
      await lead.api.api.programs[':id'].releases.$post({
        param: { id: program.id },
        json: { version: '1.0', build: '100', testStart: '2026-01-01T00:00:00Z', testEnd: '2026-02-01T00:00:00Z' },
      }),
      201,
    );
    const patch = (json: Record<string, unknown>) =>
      lead.api.api.releases[':id'].$patch({ param: { id: created.id }, json });
    // The same instant written with another offset is no change.
    await bodyOf(await patch({ build: '101', testStart: '2026-01-01T01:00:00+01:00' }), 200);
    expect((await patch({ status: 'planned', build: '102' })).status).toBe(200);
    await bodyOf(await patch({ status: 'shipped' }), 200);
    expect((await patch({ build: '103' })).status).toBe(409);

    const trail = await entries({ subjectId: created.id });
    expect(trail).toEqual([
      expect.objectContaining({
        action: 'release.created',
        actorId: leadUser.id,
        before: null,
        after: expect.objectContaining({ version: '1.0', build: '100', testStart: '2026-01-01T00:00:00.000Z' }),
      }),
      expect.objectContaining({ action: 'release.changed', before: { build: '100' }, after: { build: '101' } }),
      expect.objectContaining({ action: 'release.changed', before: { build: '101' }, after: { build: '102' } }),
      expect.objectContaining({
        action: 'release.shipped',
        subjectType: 'release',
        before: { status: 'planned' },
        after: { status: 'shipped' },
      }),
    ]);
  });

  it('records enrolment decisions and a removal as status before and after, without the person', async () => {
    const program = await createProgram();
    const release = await releaseInDatabase(server, program.id);
    const enrolment = async (status: 'applied' | 'invited' | 'active') =>
      server.prisma.enrolment.create({
        data: {
          releaseId: release.id,
          email: `person-${randomUUID()}@example.test`,
          name: 'Pat Person',
          company: 'Customer Co',
          status,
          source: status === 'applied' ? 'application' : 'invitation',
        },
        select: { id: true },
      });
    const [approved, declined, revoked, removed] = await Promise.all([
      enrolment('applied'),
      enrolment('applied'),
      enrolment('invited'),
      enrolment('active'),
    ]);
    const enrolments = lead.api.api.enrolments[':id'];
    await bodyOf(await enrolments.approve.$post({ param: { id: approved.id } }), 200);
    await bodyOf(await enrolments.decline.$post({ param: { id: declined.id } }), 200);
    await bodyOf(await enrolments.invitation.$delete({ param: { id: revoked.id } }), 200);
    await bodyOf(await enrolments.remove.$post({ param: { id: removed.id } }), 200);
    // Deciding twice is refused and records nothing more.
    expect((await enrolments.decline.$post({ param: { id: declined.id } })).status).toBe(409);

    const expected = [
      [approved.id, 'enrolment.changed', 'applied', 'invited'],
      [declined.id, 'enrolment.changed', 'applied', 'declined'],
      [revoked.id, 'enrolment.changed', 'invited', 'removed'],
      [removed.id, 'mvp.removed', 'active', 'removed'],
    ] as const;
    for (const [id, action, before, after] of expected) {
      expect(await entries({ subjectId: id })).toEqual([
        {
          action,
          actorId: leadUser.id,
          actorName: leadUser.name,
          subjectType: 'enrolment',
          before: { status: before },
          after: { status: after },
        },
      ]);
    }
    const stored = await server.prisma.auditEntry.findMany({
      where: { programId: program.id },
      select: { after: true },
    });
    expect(JSON.stringify(stored)).not.toContain('Pat Person');
  });

  it('records staff invited, role changed, disabled and enabled, one entry per action, without name or e-mail', async () => {
    const email = `staff-${randomUUID()}@example.test`;
    const { member } = await bodyOf(
      await lead.api.api.staff.$post({ json: { email, name: 'Sam Staff', role: 'internal_tester' } }),
      201,
    );
    const patch = (json: { role?: 'admin' | 'engineer' | 'internal_tester'; disabled?: boolean }) =>
      lead.api.api.staff[':id'].$patch({ param: { id: member.id }, json });
    await bodyOf(await patch({ role: 'engineer', disabled: true }), 200);
    await bodyOf(await patch({ disabled: true }), 200);
    await bodyOf(await patch({ disabled: false }), 200);
    expect((await patch({ role: 'mvp' as 'engineer' })).status).toBe(400);

    const trail = await entries({ subjectId: member.id });
    expect(trail).toEqual([
      expect.objectContaining({
        action: 'staff.invited',
        actorId: leadUser.id,
        before: null,
        after: { role: 'internal_tester' },
      }),
      expect.objectContaining({
        action: 'staff.role_changed',
        before: { role: 'internal_tester' },
        after: { role: 'engineer' },
      }),
      expect.objectContaining({ action: 'staff.disabled', before: { disabled: false }, after: { disabled: true } }),
      expect.objectContaining({ action: 'staff.enabled', before: { disabled: true }, after: { disabled: false } }),
    ]);
    expect(JSON.stringify(trail)).not.toContain(email);
    expect(JSON.stringify(trail)).not.toContain('Sam Staff');
  });

  it('records a dead letter retried by an engineer, and nothing for a job that cannot be retried', async () => {
    const program = await createProgram();
    const release = await releaseInDatabase(server, program.id, { version: '1.0', testingNow: true });
    const report = await fileReportAs(lead, release.id);
    await engineerJoins(program.id);
    const job = await server.prisma.syncJob.update({
      where: { key: `create_issue:${report.id}` },
      data: { status: 'dead', attempts: 8, lastError: 'rejected: 422 Validation Failed' },
      select: { id: true },
    });
    const retry = () => engineer.api.api['sync-jobs'][':id'].retry.$post({ param: { id: job.id } });
    await bodyOf(await retry(), 200);
    expect((await retry()).status).toBe(409);
    expect(await entries({ subjectId: job.id })).toEqual([
      {
        action: 'sync.dead_letter_retried',
        actorId: engineerUser.id,
        actorName: engineerUser.name,
        subjectType: 'sync_job',
        before: { kind: 'create_issue', status: 'dead', attempts: 8 },
        after: { kind: 'create_issue', status: 'pending', attempts: 0 },
      },
    ]);
  });
});

describe('the trail is append-only', () => {
  it('refuses to update or delete an entry, even in raw SQL', async () => {
    const program = await createProgram();
    const [entry] = await server.prisma.auditEntry.findMany({ where: { programId: program.id }, select: { id: true } });
    await expect(
      server.prisma.$executeRawUnsafe(`update "AuditEntry" set "actorName" = 'Someone else' where id = '${entry!.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(server.prisma.$executeRawUnsafe(`delete from "AuditEntry" where id = '${entry!.id}'`)).rejects.toThrow(
      /append-only/,
    );
    const stored = await server.prisma.auditEntry.findUnique({ where: { id: entry!.id }, select: { actorName: true } });
    expect(stored).toEqual({ actorName: leadUser.name });
  });
});

describe('reading the trail', () => {
  it('lists entries newest first with the program name, and narrows them by program, action and actor', async () => {
    const program = await createProgram();
    const other = await createProgram();
    await bodyOf(
      await lead.api.api.programs[':id'].$patch({ param: { id: program.id }, json: { priorityThreshold: 'P2' } }),
      200,
    );
    const page = await auditPage({ programId: program.id });
    expect(page.items.map((item) => item.action)).toEqual(['program.settings_changed', 'program.created']);
    expect(page.items[0]).toMatchObject({
      actorId: leadUser.id,
      actorName: leadUser.name,
      programId: program.id,
      programName: program.name,
      subjectType: 'program',
      subjectId: program.id,
      before: { priorityThreshold: 'P1' },
      after: { priorityThreshold: 'P2' },
    });
    expect(page.nextCursor).toBeNull();

    const created = await auditPage({ action: 'program.created', limit: '100' });
    expect(created.items.every((item) => item.action === 'program.created')).toBe(true);
    expect(created.items.map((item) => item.programId)).toEqual(expect.arrayContaining([program.id, other.id]));

    const byEngineer = await auditPage({ actorId: engineerUser.id, limit: '100' });
    expect(byEngineer.items.every((item) => item.actorId === engineerUser.id)).toBe(true);
    expect(byEngineer.items.some((item) => item.programId === program.id)).toBe(false);
  });

  it('narrows by dates: a day is the whole day, and entries outside are left out', async () => {
    const program = await createProgram();
    const today = new Date().toISOString().slice(0, 10);
    expect((await auditPage({ programId: program.id, from: today, to: today })).items).toHaveLength(1);
    expect((await auditPage({ programId: program.id, to: '2020-01-01' })).items).toEqual([]);
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await auditPage({ programId: program.id, from: later })).items).toEqual([]);
  });

  it('pages through with the cursor, every entry once, newest first', async () => {
    const program = await createProgram();
    for (const threshold of ['P0', 'P2', 'P3', 'P1']) {
      const response = await lead.api.api.programs[':id'].$patch({
        param: { id: program.id },
        json: { priorityThreshold: threshold },
      });
      await bodyOf(response, 200);
    }
    const seen: { after: unknown }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { programId: program.id, limit: '2', ...(cursor ? { cursor } : {}) };
      const page = await auditPage(query);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((item) => item.after)).toEqual([
      { priorityThreshold: 'P1' },
      { priorityThreshold: 'P3' },
      { priorityThreshold: 'P2' },
      { priorityThreshold: 'P0' },
      expect.objectContaining({ name: program.name }),
    ]);
  });

  it('is for admins only: staff and MVPs get 403, anonymous 401', async () => {
    expect((await engineer.api.api.audit.$get({ query: {} })).status).toBe(403);
    const mvp = (await signedInClient(server, 'mvp')).client;
    const refused = await mvp.api.api.audit.$get({ query: {} });
    expect(refused.status).toBe(403);
    await readProblem(refused);
    expect((await server.client().api.api.audit.$get({ query: {} })).status).toBe(401);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['action=program.deleted', 'action'],
    ['programId=%27%20or%201%3D1--', 'programId'],
    ['actorId=not-a-uuid', 'actorId'],
    ['from=2026-02-30', 'from'],
    ['to=10000-01-01T00:00:00Z', 'to'],
    ['from=2026-03-01&to=2026-02-01', 'to'],
    ['cursor=%00', 'cursor'],
    [`cursor=${'01900000-0000-7000-8000-000000000000'}`, 'cursor'],
    ['sort=at', ''],
  ])('answers %s with 400 problem+json', async (query, field) => {
    const response = await lead.request(`/api/audit?${query}`);
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    if (field) expect(problem.errors?.map((error) => error.field)).toContain(field);
  });
});

describe('the statistics say when the priority mapping last changed', () => {
  it('gives the latest change of the mapping or threshold and who made it; other settings do not count', async () => {
    const program = await createProgram();
    await engineerJoins(program.id);
    const stats = async () =>
      bodyOf(await engineer.api.api.programs[':id'].stats.$get({ param: { id: program.id } }), 200);
    expect((await stats()).priorityMappingChange).toBeNull();

    const before = Date.now();
    await bodyOf(
      await lead.api.api.programs[':id'].$patch({ param: { id: program.id }, json: { priorityThreshold: 'P0' } }),
      200,
    );
    const changed = (await stats()).priorityMappingChange;
    expect(changed).toEqual({ at: expect.any(String), actorName: leadUser.name });
    expect(Date.parse(changed!.at)).toBeGreaterThanOrEqual(before - 1_000);

    // A new name changes no figure.
    const other = await signedInClient(server, 'admin');
    await bodyOf(
      await other.client.api.api.programs[':id'].$patch({
        param: { id: program.id },
        json: { name: `${program.name} renamed` },
      }),
      200,
    );
    expect((await stats()).priorityMappingChange).toEqual(changed);

    await bodyOf(
      await other.client.api.api.programs[':id'].$patch({
        param: { id: program.id },
        json: { notActionableLabels: ['invalid'] },
      }),
      200,
    );
    expect((await stats()).priorityMappingChange?.actorName).toBe(other.user.name);
  });
});
