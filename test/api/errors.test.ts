import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitBytes } from '../../api/app.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.json();
  expect(body).toMatchObject({ status: response.status, type: expect.any(String), title: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return body;
}

describe('errors are problem+json', () => {
  it('answers malformed JSON with 400', async () => {
    const response = await server.client().request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "a@b.c", "password": ',
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).code).toBe('malformed_body');
  });

  it('names an unknown field', async () => {
    const response = await server
      .client()
      .json('POST', '/api/auth/sign-in', { email: 'a@example.test', password: 'x', admin: true });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([{ field: 'admin', message: expect.any(String) }]);
  });

  it('names every field at fault', async () => {
    const response = await server.client().json('POST', '/api/auth/sign-in', { email: 'not-an-email' });
    expect(response.status).toBe(400);
    const fields = (await problemOf(response)).errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['email', 'password']);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await server.client().json('POST', '/api/auth/sign-in', {
      email: 'a@example.test',
      password: 'x'.repeat(bodyLimitBytes + 10),
    });
    expect(response.status).toBe(413);
    await problemOf(response);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await server.client().request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.test&password=x',
    });
    expect(response.status).toBe(415);
    await problemOf(response);
  });

  it('refuses a write with no body where one is required', async () => {
    const response = await server.client().request('/api/auth/sign-in', { method: 'POST' });
    expect(response.status).toBe(400);
    await problemOf(response);
  });

  it('answers an unknown API route with 404 problem+json', async () => {
    const response = await server.client().request('/api/no-such-thing');
    expect(response.status).toBe(404);
    await problemOf(response);
  });

  it('answers a portal route with the portal page, not a problem', async () => {
    const response = await server.client().request('/staff');
    expect(response.headers.get('content-type')).not.toBe('application/problem+json');
  });

  it('sends a request id back, and keeps a sane one given by the caller', async () => {
    const given = await server.client().request('/api/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await server.client().request('/api/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await server.client().request('/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('health', () => {
  it('reports the process alive and the database ready', async () => {
    const client = server.client();
    expect(await (await client.api.api.health.$get()).json()).toEqual({ status: 'ok' });
    const ready = await client.api.api.ready.$get();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('reports not ready when a migration is missing from the database', async () => {
    const [latest] = await server.prisma.$queryRaw<{ migration_name: string }[]>`
      select migration_name from _prisma_migrations order by migration_name desc limit 1`;
    await server.prisma
      .$executeRaw`update _prisma_migrations set rolled_back_at = now() where migration_name = ${latest!.migration_name}`;
    try {
      const ready = await server.client().request('/api/ready');
      expect(ready.status).toBe(503);
      expect((await ready.json()).detail).toContain(latest!.migration_name);
    } finally {
      await server.prisma
        .$executeRaw`update _prisma_migrations set rolled_back_at = null where migration_name = ${latest!.migration_name}`;
    }
  });
});
