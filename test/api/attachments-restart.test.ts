import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEnv } from '../../api/env.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { hashPassword } from '../../api/lib/password.ts';
import { type RunningServer, startServer } from '../../api/start-server.ts';
import { createClient } from '../support/http-client.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { testPassword } from '../support/test-server.ts';

// A real restart: the same database (a PGlite folder, or the same PostgreSQL schema) and the same
// attachments folder, served by a second server after the first has stopped.

let folder: string;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'fieldtest-restart-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  await rm(folder, { recursive: true, force: true });
});

function start(): Promise<RunningServer> {
  const env = parseEnv({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...database.env,
    ATTACHMENTS_DIR: join(folder, 'attachments'),
  });
  return startServer({ env, logger: createLogger(env.logLevel), target: database.target });
}

async function signIn(server: RunningServer, email: string) {
  const client = createClient(server.url);
  const response = await client.api.api.auth['sign-in'].$post({ json: { email, password: testPassword } });
  expect(response.status).toBe(200);
  return client;
}

it('serves an upload after the server restarts on the same folder', async () => {
  const content = new TextEncoder().encode('2026-03-02 crash report\n');
  const email = 'restart@example.test';

  const first = await start();
  let id: string;
  try {
    await first.prisma.user.create({
      data: { email, name: 'Restart', role: 'mvp', passwordHash: await hashPassword(testPassword) },
    });
    const form = new FormData();
    form.append('file', new Blob([content]), 'crash.log');
    const response = await (await signIn(first, email)).request('/api/attachments', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    id = ((await response.json()) as { id: string }).id;
  } finally {
    await first.stop(1000);
  }

  const second = await start();
  try {
    const response = await (await signIn(second, email)).request(`/api/attachments/${id}`);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(content);
  } finally {
    await second.stop(1000);
  }
});
