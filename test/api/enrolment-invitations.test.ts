import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeMvp,
  browser,
  createProgram,
  createRelease,
  invitationToken,
  invite,
  latestMail,
  linkIn,
} from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer, testPassword } from '../support/test-server.ts';

let server: TestServer;
let lead: TestClient;
let program: { id: string; name: string; product: string };
beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
  program = await createProgram(server);
});
afterAll(() => server?.stop());

/** What the database holds for a release: enrolments, invitations and e-mails, to show nothing was written. */
async function snapshot(releaseId: string) {
  return {
    enrolments: await server.prisma.enrolment.count({ where: { releaseId } }),
    invitations: await server.prisma.invitation.count({ where: { enrolment: { releaseId } } }),
    messages: await server.prisma.message.count(),
  };
}

function inviteRaw(releaseId: string, invitees: { email: string; name: string; company?: string }[]) {
  return lead.api.api.releases[':id'].invitations.$post({ param: { id: releaseId }, json: { invitees } });
}

function accept(client: TestClient, json: { token: string; name?: string; password?: string }) {
  return client.api.api.invitations.accept.$post({ json });
}

function inspect(token: string) {
  return server.client().api.api.invitations.inspect.$post({ json: { token } });
}

describe('inviting people to a release', () => {
  it('enrols each invitee as invited and e-mails them the program, product, version, test window and link', async () => {
    const release = await createRelease(server, program.id, { version: '3.0' });
    const items = await invite(lead, release.id, [
      { email: 'Ada@Example.test', name: 'Ada Lovelace', company: 'Engines Ltd' },
      { email: 'grace@example.test', name: 'Grace Hopper', company: 'Navy' },
    ]);
    expect(items).toEqual([
      expect.objectContaining({
        email: 'ada@example.test',
        name: 'Ada Lovelace',
        company: 'Engines Ltd',
        status: 'invited',
        source: 'invitation',
        termsVersionAccepted: null,
        reportsFiled: 0,
        activatedAt: null,
        invitationExpiresAt: expect.any(String),
      }),
      expect.objectContaining({ email: 'grace@example.test', status: 'invited' }),
    ]);
    const days = (Date.parse(items[0]!.invitationExpiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const mail = await latestMail(lead, 'ada@example.test', 'invitation');
    expect(mail.status).toBe('held');
    expect(mail.subject).toContain('Acme Desktop 3.0');
    expect(mail.text).toContain(program.name);
    expect(mail.text).toContain('2 March 2026 to 30 March 2026');
    expect(mail.text).toContain('Sync');
    const link = linkIn(mail.text, '/invitation');
    expect(new URL(link).origin).toBe('http://localhost:3000');
    // Only the hash of the token is stored.
    const stored = await server.prisma.invitation.findFirstOrThrow({
      where: { enrolmentId: items[0]!.id },
      select: { tokenHash: true },
    });
    expect(link).not.toContain(stored.tokenHash);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('links the enrolment to the account of an invitee who already has one', async () => {
    const release = await createRelease(server, program.id);
    const mvp = await server.createUser('mvp', { email: 'known@example.test' });
    const [member] = await invite(lead, release.id, [{ email: 'known@example.test' }]);
    const row = await server.prisma.enrolment.findUniqueOrThrow({
      where: { id: member!.id },
      select: { userId: true },
    });
    expect(row.userId).toBe(mvp.id);
  });

  it('refuses a malformed e-mail, naming it, and writes nothing', async () => {
    const release = await createRelease(server, program.id);
    const before = await snapshot(release.id);
    const response = await inviteRaw(release.id, [
      { email: 'fine@example.test', name: 'Fine' },
      { email: 'not-an-address', name: 'Broken' },
    ]);
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors).toEqual([{ field: 'invitees.1.email', message: expect.any(String) }]);
    expect(await snapshot(release.id)).toEqual(before);
  });

  it('refuses the same e-mail twice in one list, naming the repeat, and writes nothing', async () => {
    const release = await createRelease(server, program.id);
    const before = await snapshot(release.id);
    const response = await inviteRaw(release.id, [
      { email: 'twice@example.test', name: 'One' },
      { email: 'other@example.test', name: 'Other' },
      { email: 'TWICE@example.test', name: 'Two' },
    ]);
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors).toEqual([
      { field: 'invitees.2.email', message: expect.stringContaining('listed twice') },
    ]);
    expect(await snapshot(release.id)).toEqual(before);
  });

  it('refuses someone already in the cohort, naming them, and invites nobody', async () => {
    const release = await createRelease(server, program.id);
    await invite(lead, release.id, [{ email: 'already@example.test' }]);
    const before = await snapshot(release.id);
    const response = await inviteRaw(release.id, [
      { email: 'newcomer@example.test', name: 'New' },
      { email: 'already@example.test', name: 'Again' },
    ]);
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([
      { field: 'invitees.1.email', message: expect.stringContaining('invited') },
    ]);
    expect(await snapshot(release.id)).toEqual(before);
  });

  it('refuses a staff address, naming it', async () => {
    const release = await createRelease(server, program.id);
    const engineer = await server.createUser('engineer');
    const response = await inviteRaw(release.id, [{ email: engineer.email, name: 'Engineer' }]);
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors?.[0]?.field).toBe('invitees.0.email');
  });

  it('refuses more people than the cohort has room for, saying so, and writes nothing', async () => {
    const release = await createRelease(server, program.id, { cohortCapacity: 3 });
    await invite(lead, release.id, [{ email: 'cap1@example.test' }]);
    const before = await snapshot(release.id);
    const response = await inviteRaw(release.id, [
      { email: 'cap2@example.test', name: 'Two' },
      { email: 'cap3@example.test', name: 'Three' },
      { email: 'cap4@example.test', name: 'Four' },
    ]);
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toBe(
      'The cohort takes 3 MVPs and 1 is invited or active, so 2 more can join, not 3.',
    );
    expect(await snapshot(release.id)).toEqual(before);
    expect(
      (await inviteRaw(release.id, [{ email: 'cap2@example.test', name: 'Two' }])).status,
      'the room left can still be used',
    ).toBe(201);
  });

  it('refuses invitations to a shipped release and writes nothing', async () => {
    const release = await createRelease(server, program.id, { status: 'shipped' });
    const response = await inviteRaw(release.id, [{ email: 'late@example.test', name: 'Late' }]);
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toContain('shipped');
    expect(await snapshot(release.id)).toMatchObject({ enrolments: 0, invitations: 0 });
  });

  it('answers 404 for an unknown release', async () => {
    const response = await inviteRaw('01900000-0000-7000-8000-000000000000', [{ email: 'x@example.test', name: 'X' }]);
    expect(response.status).toBe(404);
  });

  it('invites a removed person again on their one enrolment of the release', async () => {
    const release = await createRelease(server, program.id);
    const [first] = await invite(lead, release.id, [{ email: 'comeback@example.test' }]);
    await lead.api.api.enrolments[':id'].invitation.$delete({ param: { id: first!.id } });
    const [again] = await invite(lead, release.id, [{ email: 'comeback@example.test', name: 'Back Again' }]);
    expect(again).toMatchObject({ id: first!.id, status: 'invited', name: 'Back Again', endedAt: null });
  });
});

describe('accepting an invitation', () => {
  it('tells the portal what the invitation is for and whether an account exists', async () => {
    const release = await createRelease(server, program.id, { version: '4.1' });
    await invite(lead, release.id, [{ email: 'curious@example.test', name: 'Curious Cat' }]);
    const info = await bodyOf(await inspect(await invitationToken(lead, 'curious@example.test')), 200);
    expect(info).toEqual({
      programName: program.name,
      product: 'Acme Desktop',
      releaseVersion: '4.1',
      email: 'curious@example.test',
      name: 'Curious Cat',
      accountExists: false,
      expiresAt: expect.any(String),
    });
  });

  it('creates an MVP account with a generated handle, activates the enrolment and signs in', async () => {
    const release = await createRelease(server, program.id);
    const [member] = await invite(lead, release.id, [
      { email: 'newbie@example.test', name: 'New Bie', company: 'Bie Co' },
    ]);
    const client = browser(server);
    const response = await accept(client, {
      token: await invitationToken(lead, 'newbie@example.test'),
      name: 'Newton Bie',
      password: testPassword,
    });
    expect(await bodyOf(response, 200)).toMatchObject({
      email: 'newbie@example.test',
      name: 'Newton Bie',
      role: 'mvp',
    });
    expect(await bodyOf(await client.api.api.auth.me.$get(), 200)).toMatchObject({ email: 'newbie@example.test' });
    const profile = await bodyOf(await client.api.api.me.profile.$get(), 200);
    expect(profile).toEqual({
      email: 'newbie@example.test',
      name: 'Newton Bie',
      company: 'Bie Co',
      handle: expect.stringMatching(/^mvp-[a-z0-9]{6}$/),
      platforms: [],
      devices: [],
    });
    const cohort = await bodyOf(
      await lead.api.api.releases[':id'].cohort.$get({ param: { id: release.id }, query: {} }),
      200,
    );
    expect(cohort.items.find((item) => item.id === member!.id)).toMatchObject({
      status: 'active',
      activatedAt: expect.any(String),
      invitationExpiresAt: null,
    });
  });

  it('asks a new account for a name and a long enough password, and leaves the link unused', async () => {
    const release = await createRelease(server, program.id);
    await invite(lead, release.id, [{ email: 'hasty@example.test' }]);
    const token = await invitationToken(lead, 'hasty@example.test');
    const response = await accept(browser(server), { token, password: 'short' });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field).sort()).toEqual(['name', 'password']);
    expect((await inspect(token)).status).toBe(200);
  });

  it('works once: the link is refused after use, saying it was accepted', async () => {
    const release = await createRelease(server, program.id);
    await invite(lead, release.id, [{ email: 'once@example.test' }]);
    const token = await invitationToken(lead, 'once@example.test');
    expect((await accept(browser(server), { token, name: 'Once', password: testPassword })).status).toBe(200);
    const again = await accept(browser(server), { token, name: 'Twice', password: testPassword });
    expect(again.status).toBe(410);
    expect((await readProblem(again)).detail).toContain('accepted already');
    expect((await inspect(token)).status).toBe(410);
  });

  it('accepts exactly once when two requests race', async () => {
    const release = await createRelease(server, program.id);
    await invite(lead, release.id, [{ email: 'race@example.test' }]);
    const token = await invitationToken(lead, 'race@example.test');
    const statuses = await Promise.all(
      [1, 2, 3].map(
        async () => (await accept(browser(server), { token, name: 'Racer', password: testPassword })).status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 410, 410]);
    expect(await server.prisma.user.count({ where: { email: 'race@example.test' } })).toBe(1);
  });

  it('refuses an expired link, saying so, and changes nothing', async () => {
    const release = await createRelease(server, program.id);
    const [member] = await invite(lead, release.id, [{ email: 'late@example.test' }]);
    const token = await invitationToken(lead, 'late@example.test');
    await server.prisma.invitation.updateMany({
      where: { enrolmentId: member!.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const inspected = await inspect(token);
    expect(inspected.status).toBe(410);
    expect((await readProblem(inspected)).detail).toContain('expired');
    expect((await accept(browser(server), { token, name: 'Late', password: testPassword })).status).toBe(410);
    expect(await server.prisma.user.count({ where: { email: 'late@example.test' } })).toBe(0);
    expect(
      (await server.prisma.enrolment.findUniqueOrThrow({ where: { id: member!.id }, select: { status: true } })).status,
    ).toBe('invited');
  });

  it('refuses links of a release that has shipped, saying so', async () => {
    const release = await createRelease(server, program.id);
    await invite(lead, release.id, [{ email: 'shipped@example.test' }]);
    const token = await invitationToken(lead, 'shipped@example.test');
    await server.prisma.release.update({ where: { id: release.id }, data: { status: 'shipped' } });
    const response = await accept(browser(server), { token, name: 'Too Late', password: testPassword });
    expect(response.status).toBe(410);
    expect((await readProblem(response)).detail).toContain('shipped');
  });

  it("joins the enrolment to an existing MVP account when given that account's password", async () => {
    const first = await createRelease(server, program.id);
    const second = await createRelease(server, program.id);
    const { user } = await activeMvp(server, lead, first.id, 'returning@example.test');
    const [member] = await invite(lead, second.id, [{ email: 'returning@example.test' }]);
    const token = await invitationToken(lead, 'returning@example.test');
    expect(await bodyOf(await inspect(token), 200)).toMatchObject({ accountExists: true });

    const client = browser(server);
    const wrong = await accept(client, { token, password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect((await inspect(token)).status, 'a wrong password leaves the link usable').toBe(200);

    const right = await accept(client, { token, password: testPassword });
    expect(await bodyOf(right, 200)).toMatchObject({ id: user.id });
    expect(await server.prisma.user.count({ where: { email: 'returning@example.test' } })).toBe(1);
    expect(
      await server.prisma.enrolment.findUniqueOrThrow({
        where: { id: member!.id },
        select: { status: true, userId: true },
      }),
    ).toEqual({ status: 'active', userId: user.id });
  });

  it('needs no password from the owner of the account when they are signed in', async () => {
    const first = await createRelease(server, program.id);
    const second = await createRelease(server, program.id);
    const { client } = await activeMvp(server, lead, first.id, 'signedin@example.test');
    await invite(lead, second.id, [{ email: 'signedin@example.test' }]);
    const token = await invitationToken(lead, 'signedin@example.test');
    expect((await accept(browser(server), { token })).status, 'someone else needs the password').toBe(400);
    expect((await accept(client, { token })).status).toBe(200);
  });

  it('refuses to make an MVP of a staff account with the invited e-mail, and leaves the link unused', async () => {
    const release = await createRelease(server, program.id);
    await invite(lead, release.id, [{ email: 'became-staff@example.test' }]);
    const token = await invitationToken(lead, 'became-staff@example.test');
    await server.createUser('engineer', { email: 'became-staff@example.test' });
    const response = await accept(browser(server), { token, password: testPassword });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toContain('staff account');
    expect((await inspect(token)).status).toBe(200);
  });
});

describe('resending and revoking invitations', () => {
  it('sends a fresh link that voids the earlier one', async () => {
    const release = await createRelease(server, program.id);
    const [member] = await invite(lead, release.id, [{ email: 'resend@example.test' }]);
    const old = await invitationToken(lead, 'resend@example.test');
    const resent = await lead.api.api.enrolments[':id'].invitation.$post({ param: { id: member!.id } });
    expect(await bodyOf(resent, 201)).toMatchObject({ id: member!.id, status: 'invited' });
    const fresh = await invitationToken(lead, 'resend@example.test');
    expect(fresh).not.toBe(old);

    const stale = await inspect(old);
    expect(stale.status).toBe(410);
    expect((await readProblem(stale)).detail).toContain('replaced');
    expect((await accept(browser(server), { token: fresh, name: 'Fresh', password: testPassword })).status).toBe(200);
  });

  it('sends a fresh link only to people still invited', async () => {
    const release = await createRelease(server, program.id);
    const { enrolmentId } = await activeMvp(server, lead, release.id, 'active-resend@example.test');
    const response = await lead.api.api.enrolments[':id'].invitation.$post({ param: { id: enrolmentId } });
    expect(response.status).toBe(409);
  });

  it('revokes an invitation: the link stops working and the person is removed', async () => {
    const release = await createRelease(server, program.id);
    const [member] = await invite(lead, release.id, [{ email: 'revoked@example.test' }]);
    const token = await invitationToken(lead, 'revoked@example.test');
    const response = await lead.api.api.enrolments[':id'].invitation.$delete({ param: { id: member!.id } });
    expect(await bodyOf(response, 200)).toMatchObject({
      status: 'removed',
      endedAt: expect.any(String),
      invitationExpiresAt: null,
    });
    const refused = await accept(browser(server), { token, name: 'Revoked', password: testPassword });
    expect(refused.status).toBe(410);
    expect((await readProblem(refused)).detail).toContain('withdrawn');
    expect(await server.prisma.user.count({ where: { email: 'revoked@example.test' } })).toBe(0);
  });

  it('answers 404 for an unknown enrolment', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await lead.api.api.enrolments[':id'].invitation.$post({ param: { id: unknown } })).status).toBe(404);
    expect((await lead.api.api.enrolments[':id'].invitation.$delete({ param: { id: unknown } })).status).toBe(404);
  });
});
