import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitBytes } from '../../api/app.ts';
import { maxDraftNesting } from '../../api/reports/reports.schemas.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

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

  it('ends the connection when it answers before reading a large body, so the next request does not fail', async () => {
    const { client } = await signedInClient(server, 'mvp');
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await client.json('POST', '/api/attachments', { x: 'y'.repeat(1_100_000) });
      expect(refused.status).toBe(415);
      expect(refused.headers.get('connection')).toBe('close');
      await refused.arrayBuffer();
      for (let next = 0; next < 3; next++) expect((await client.request('/api/auth/me')).status).toBe(200);
    }
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

describe('text the database cannot store', () => {
  const someId = '01900000-0000-7000-8000-00000000a77a';
  // JSON.stringify writes a lone surrogate as its \u escape, as a client in any language may send it.
  const cases: { role: 'admin' | 'mvp'; method: string; path: string; body?: unknown; field: string }[] = [
    {
      role: 'mvp',
      method: 'POST',
      path: '/api/reports',
      body: {
        releaseId: someId,
        title: 'Crash\u0000',
        steps: 's',
        expected: 'e',
        actual: 'a',
        severity: 'minor',
        clientKey: 'key-12345',
      },
      field: 'title',
    },
    {
      role: 'mvp',
      method: 'POST',
      path: '/api/reports',
      body: {
        releaseId: someId,
        title: 'Crash',
        steps: 's',
        expected: 'e',
        actual: 'a',
        severity: 'minor',
        environment: { os: 'Win\ud800' },
        clientKey: 'key-12345',
      },
      field: 'environment.os',
    },
    { role: 'mvp', method: 'POST', path: `/api/reports/${someId}/comments`, body: { body: 'x\u0000' }, field: 'body' },
    { role: 'mvp', method: 'POST', path: `/api/reports/${someId}/me-too`, body: { note: '\udfff' }, field: 'note' },
    {
      role: 'mvp',
      method: 'POST',
      path: `/api/releases/${someId}/similar-reports`,
      body: { title: 'Crash', steps: '\u0000' },
      field: 'steps',
    },
    {
      role: 'mvp',
      method: 'PUT',
      path: '/api/me/report-draft',
      body: { data: { title: 'A\ud800' } },
      field: 'data.title',
    },
    {
      role: 'mvp',
      method: 'PUT',
      path: '/api/me/report-draft',
      body: { data: { values: { steps: ['ok', '\u0000'] } } },
      field: 'data.values.steps.1',
    },
    {
      role: 'mvp',
      method: 'PUT',
      path: '/api/me/report-draft',
      body: { data: { 'x\u0000': 1 } },
      field: 'data.x\u0000',
    },
    {
      role: 'mvp',
      method: 'PUT',
      path: '/api/me/profile',
      body: { name: 'Ada', company: 'Engines\u0000', handle: 'ada', platforms: [], devices: ['\ud83d'] },
      field: 'company devices.0',
    },
    { role: 'admin', method: 'GET', path: `/api/programs/${someId}/stats/clusters?level=P%00`, field: 'level' },
    { role: 'admin', method: 'GET', path: `/api/programs/${someId}/stats/clusters?component=%00`, field: 'component' },
    { role: 'admin', method: 'GET', path: `/api/programs/${someId}/reports?q=%00`, field: 'q' },
    { role: 'admin', method: 'GET', path: '/api/outbox?to=%00', field: 'to' },
  ];

  for (const { role, method, path, body, field } of cases) {
    it(`answers 400 naming ${JSON.stringify(field)} to ${method} ${path} as ${role}`, async () => {
      const { client } = await signedInClient(server, role);
      const response =
        body === undefined ? await client.request(path, { method }) : await client.json(method, path, body);
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem.code).toBe('validation');
      expect(problem.errors.map((error: { field: string }) => error.field).join(' ')).toBe(field);
    });
  }

  it('refuses a draft nested deeper than the form ever nests, rather than failing on it', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const response = await client.request('/api/me/report-draft', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: `{"data":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      { field: 'data', message: expect.stringContaining(String(maxDraftNesting)) },
    ]);
  });

  it('checks only what a route reads, after its role check', async () => {
    const anonymous = await server.client().json('PUT', '/api/me/report-draft', { data: { title: '\u0000' } });
    expect(anonymous.status).toBe(401);
    expect((await server.client().request('/api/health?note=%00')).status).toBe(200);
  });
});

describe('portal paths', () => {
  it.each(['/%ZZ', '/x%', '/assets/%E0%A4%A.js', '/%ED%A0%80'])('answers 400 naming the path to %s', async (path) => {
    const response = await server.client().request(path);
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([{ field: 'path', message: expect.any(String) }]);
  });

  it('takes a percent sign escaped as %25', async () => {
    const response = await server.client().request('/reports/100%25');
    expect(response.headers.get('content-type')).not.toBe('application/problem+json');
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
