import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMail, linkIn } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer, testPassword, tokenOf } from '../support/test-server.ts';

let server: TestServer;
let lead: TestClient;
let leadId: string;
beforeAll(async () => {
  server = await startTestServer();
  const signedIn = await signedInClient(server, 'admin');
  lead = signedIn.client;
  leadId = signedIn.user.id;
});
afterAll(() => server?.stop());

async function addStaff(email: string, role: 'admin' | 'engineer' | 'internal_tester' = 'engineer') {
  return bodyOf(await lead.api.api.staff.$post({ json: { email, name: `Name of ${email}`, role } }), 201);
}

describe('staff management', () => {
  it('creates a staff member who chooses a password through the link, once', async () => {
    const { member, passwordLink } = await addStaff('Grace@Example.test', 'engineer');
    expect(member).toMatchObject({ email: 'grace@example.test', role: 'engineer', status: 'invited' });
    // Without SMTP the e-mail with the same link waits in the outbox.
    expect(passwordLink.mail).toEqual({ to: 'grace@example.test', status: 'held' });
    const mail = await latestMail(lead, 'grace@example.test', 'staff-password-link');
    expect(mail).toMatchObject({ subject: 'Your Fieldtest account', status: 'held' });
    expect(linkIn(mail.text, '/set-password')).toBe(passwordLink.url);

    const newcomer = server.client();
    const inspect = await newcomer.api.api.auth.links.inspect.$post({ json: { token: tokenOf(passwordLink.url) } });
    expect(await inspect.json()).toMatchObject({ purpose: 'set_password', email: 'grace@example.test' });

    const set = await newcomer.api.api.auth['set-password'].$post({
      json: { token: tokenOf(passwordLink.url), password: testPassword },
    });
    expect(set.status).toBe(200);
    expect(await (await newcomer.api.api.auth.me.$get()).json()).toMatchObject({
      email: 'grace@example.test',
      role: 'engineer',
    });

    const reuse = await server.client().api.api.auth['set-password'].$post({
      json: { token: tokenOf(passwordLink.url), password: 'another long password' },
    });
    expect(reuse.status).toBe(410);

    const list = await bodyOf(await lead.api.api.staff.$get(), 200);
    expect(list.items.find((item: { id: string }) => item.id === member.id)?.status).toBe('active');
  });

  it('refuses a second account with the same e-mail, naming the field', async () => {
    await addStaff('dup@example.test');
    const response = await lead.api.api.staff.$post({
      json: { email: 'DUP@example.test', name: 'Again', role: 'engineer' },
    });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([{ field: 'email', message: expect.any(String) }]);
    expect(await server.prisma.user.count({ where: { email: 'dup@example.test' } })).toBe(1);
  });

  it('refuses to create an MVP as staff', async () => {
    const response = await lead.json('POST', '/api/staff', { email: 'mvp@example.test', name: 'M', role: 'mvp' });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.[0]?.field).toBe('role');
  });

  it('changes a role and ends the sessions that carried the old one', async () => {
    const { user, client } = await signedInClient(server, 'internal_tester');
    const response = await lead.api.api.staff[':id'].$patch({ param: { id: user.id }, json: { role: 'engineer' } });
    expect((await bodyOf(response, 200)).role).toBe('engineer');
    expect((await client.api.api.auth.me.$get()).status).toBe(401);
  });

  it('disables an account, which ends its sessions and its sign-in, and enables it again', async () => {
    const { user, client } = await signedInClient(server, 'engineer');
    const disabled = await lead.api.api.staff[':id'].$patch({ param: { id: user.id }, json: { disabled: true } });
    expect((await bodyOf(disabled, 200)).status).toBe('disabled');
    expect((await client.api.api.auth.me.$get()).status).toBe(401);
    const again = await server
      .client()
      .api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect(again.status).toBe(401);

    await lead.api.api.staff[':id'].$patch({ param: { id: user.id }, json: { disabled: false } });
    const back = await server
      .client()
      .api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect(back.status).toBe(200);
  });

  it('keeps the last active admin an admin', async () => {
    const others = await server.prisma.user.findMany({
      where: { role: 'admin', id: { not: leadId } },
      select: { id: true },
    });
    await server.prisma.user.updateMany({
      where: { id: { in: others.map((other) => other.id) } },
      data: { disabledAt: new Date() },
    });
    const demote = await lead.api.api.staff[':id'].$patch({ param: { id: leadId }, json: { role: 'engineer' } });
    expect(demote.status).toBe(409);
    expect((await readProblem(demote)).errors?.[0]?.field).toBe('role');
    const disable = await lead.api.api.staff[':id'].$patch({ param: { id: leadId }, json: { disabled: true } });
    expect(disable.status).toBe(409);
    expect(
      await server.prisma.user.findUniqueOrThrow({ where: { id: leadId }, select: { role: true, disabledAt: true } }),
    ).toEqual({
      role: 'admin',
      disabledAt: null,
    });
  });

  it('makes a new password link that voids the earlier one', async () => {
    const { member, passwordLink } = await addStaff('relink@example.test');
    const fresh = await lead.api.api.staff[':id']['password-link'].$post({ param: { id: member.id } });
    const { url, mail } = await bodyOf(fresh, 201);
    expect(mail).toEqual({ to: 'relink@example.test', status: 'held' });
    expect(linkIn((await latestMail(lead, 'relink@example.test', 'staff-password-link')).text, '/set-password')).toBe(
      url,
    );
    const stale = await server
      .client()
      .api.api.auth['set-password'].$post({ json: { token: tokenOf(passwordLink.url), password: testPassword } });
    expect(stale.status).toBe(410);
    const current = await server
      .client()
      .api.api.auth['set-password'].$post({ json: { token: tokenOf(url), password: testPassword } });
    expect(current.status).toBe(200);
  });

  it('answers 404 for an unknown staff id and 400 for a malformed one', async () => {
    const unknown = await lead.api.api.staff[':id'].$patch({
      param: { id: '01900000-0000-7000-8000-000000000000' },
      json: { role: 'engineer' },
    });
    expect(unknown.status).toBe(404);
    const malformed = await lead.json('PATCH', '/api/staff/not-a-uuid', { role: 'engineer' });
    expect(malformed.status).toBe(400);
    expect((await readProblem(malformed)).errors?.[0]?.field).toBe('id');
  });

  it('refuses an empty change', async () => {
    const { member } = await addStaff('empty@example.test');
    const response = await lead.json('PATCH', `/api/staff/${member.id}`, {});
    expect(response.status).toBe(400);
  });
});

describe('account settings', () => {
  it('changes the password and signs out the other sessions, keeping this one', async () => {
    const { user, client } = await signedInClient(server, 'engineer');
    const other = server.client();
    await other.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    const response = await client.api.api.account.password.$post({
      json: { currentPassword: testPassword, newPassword: 'a brand new passphrase' },
    });
    expect(response.status).toBe(204);
    expect((await client.api.api.auth.me.$get()).status).toBe(200);
    expect((await other.api.api.auth.me.$get()).status).toBe(401);
    const old = await server
      .client()
      .api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect(old.status).toBe(401);
    const fresh = await server
      .client()
      .api.api.auth['sign-in'].$post({ json: { email: user.email, password: 'a brand new passphrase' } });
    expect(fresh.status).toBe(200);
  });

  it('refuses a wrong current password, naming the field, and keeps the old password', async () => {
    const { user, client } = await signedInClient(server, 'engineer');
    const response = await client.api.api.account.password.$post({
      json: { currentPassword: 'wrong one', newPassword: 'a brand new passphrase' },
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    const signIn = await server
      .client()
      .api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect(signIn.status).toBe(200);
  });

  it('refuses a new password that is too short', async () => {
    const { client } = await signedInClient(server, 'engineer');
    const response = await client.api.api.account.password.$post({
      json: { currentPassword: testPassword, newPassword: 'short' },
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.[0]?.field).toBe('newPassword');
  });
});
