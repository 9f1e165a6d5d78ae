import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupLink } from '../../api/setup/issue-setup-link.ts';
import { startTestServer, type TestServer, tokenOf } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const admin = { name: 'Ada Lead', email: 'Ada@Example.test', password: 'a long enough password' };

describe('first admin setup', () => {
  it('prints a setup link at start while no admin exists', async () => {
    expect(server.setupLink?.url).toMatch(/\/setup#[A-Za-z0-9_-]{43}$/);
    const status = await server.client().api.api.setup.status.$get();
    expect(await status.json()).toEqual({ needsSetup: true });
  });

  it('tells what a setup link is for before the form is filled in', async () => {
    const response = await server
      .client()
      .api.api.auth.links.inspect.$post({ json: { token: tokenOf(server.setupLink!.url) } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ purpose: 'first_admin', email: null });
  });

  it('rejects a weak password with the field at fault and keeps the link usable', async () => {
    const response = await server
      .client()
      .json('POST', '/api/setup', { ...admin, password: 'short', token: tokenOf(server.setupLink!.url) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const inspect = await server
      .client()
      .api.api.auth.links.inspect.$post({ json: { token: tokenOf(server.setupLink!.url) } });
    expect(inspect.status).toBe(200);
  });

  it('creates the admin once, signs them in, and refuses the same link afterwards', async () => {
    const client = server.client();
    const token = tokenOf(server.setupLink!.url);
    const created = await client.api.api.setup.$post({ json: { ...admin, token } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: 'ada@example.test', role: 'admin', name: 'Ada Lead' });
    const me = await client.api.api.auth.me.$get();
    expect(me.status).toBe(200);

    const again = await server.client().api.api.setup.$post({ json: { ...admin, email: 'other@example.test', token } });
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ detail: expect.stringMatching(/already been used/) });
    expect(await server.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
  });

  it('issues no new setup link once an admin exists', async () => {
    expect(await issueSetupLink({ prisma: server.prisma, publicUrl: server.url, ttlMinutes: 60 })).toBeNull();
    const status = await server.client().api.api.setup.status.$get();
    expect(await status.json()).toEqual({ needsSetup: false });
  });
});

describe('setup links', () => {
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startTestServer();
  });
  afterAll(() => fresh?.stop());

  it('refuses an expired link', async () => {
    const link = await issueSetupLink({ prisma: fresh.prisma, publicUrl: fresh.url, ttlMinutes: 60 });
    await fresh.prisma.accountToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await fresh.client().api.api.setup.$post({ json: { ...admin, token: tokenOf(link!.url) } });
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ detail: expect.stringMatching(/expired/) });
  });

  it('voids the previous link when a new one is printed', async () => {
    const first = await issueSetupLink({ prisma: fresh.prisma, publicUrl: fresh.url, ttlMinutes: 60 });
    const second = await issueSetupLink({ prisma: fresh.prisma, publicUrl: fresh.url, ttlMinutes: 60 });
    const stale = await fresh.client().api.api.setup.$post({ json: { ...admin, token: tokenOf(first!.url) } });
    expect(stale.status).toBe(410);
    const current = await fresh.client().api.api.setup.$post({ json: { ...admin, token: tokenOf(second!.url) } });
    expect(current.status).toBe(201);
  });

  it('lets only one of two simultaneous setups through', async () => {
    const other = await startTestServer();
    try {
      const token = tokenOf(other.setupLink!.url);
      const answers = await Promise.all(
        ['one@example.test', 'two@example.test'].map((email) =>
          other.client().api.api.setup.$post({ json: { ...admin, email, token } }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 410]);
      expect(await other.prisma.user.count()).toBe(1);
    } finally {
      await other.stop();
    }
  });
});
