import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../support/http-client.ts';
import { freePort, serverProcesses, spawnServer } from '../support/server-process.ts';
import { createTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const { start, afterwards } = serverProcesses();

/** Where the process keeps its data: a fresh DATA_DIR for PGlite, a fresh schema on the server. */
async function databaseEnv(): Promise<Record<string, string>> {
  if (testDatabaseKind() === 'pglite') return { DATA_DIR: await mkdtemp(join(tmpdir(), 'ft-proc-')) };
  const database = await createTestDatabase();
  afterwards(database.drop);
  return { DATABASE_URL: database.url! };
}

const admin = { name: 'Ada Lead', email: 'ada@example.test', password: 'a long enough password' };

describe('the server process', () => {
  it('keeps every account and session through kill -9 and a restart', async () => {
    const env = { ...(await databaseEnv()), PORT: String(await freePort()) };
    const first = await start(env);
    const [, setupLink] = await first.waitFor(/(http:\S+\/setup#\S+)/);
    const client = createClient(first.url);
    expect((await client.api.api.health.$get()).status).toBe(200);
    const token = new URL(setupLink!).hash.slice(1);
    expect((await client.api.api.setup.$post({ json: { ...admin, token } })).status).toBe(201);

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start(env);
    expect(second.output().stderr).not.toMatch(/No admin account exists/);
    expect((await client.api.api.auth.me.$get()).status).toBe(200);
    const signIn = await createClient(second.url).api.api.auth['sign-in'].$post({
      json: { email: admin.email, password: admin.password },
    });
    expect(signIn.status).toBe(200);
  });

  it('finishes requests in flight on SIGTERM, refuses new ones, then exits cleanly', async () => {
    const server = await start({ ...(await databaseEnv()), PORT: String(await freePort()) });
    // Requests whose bodies are still arriving when the signal comes: truly in flight.
    const streams = Array.from({ length: 3 }, () => {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start: (c) => {
          controller = c;
        },
      });
      const answer = fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      controller.enqueue(new TextEncoder().encode('{"email": "nobody@example.test", '));
      return { controller, answer };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    for (const { controller } of streams) {
      controller.enqueue(new TextEncoder().encode('"password": "x"}'));
      controller.close();
    }
    const answers = await Promise.all(streams.map(({ answer }) => answer));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/"msg":"stopped"/);
  });

  it('stops at start-up with one clear message naming each bad variable', async () => {
    const server = spawnServer({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(await server.exited).toBe(1);
    const { stderr } = server.output();
    expect(stderr).toMatch(/PORT: /);
    expect(stderr).toMatch(/LOG_LEVEL: /);
    expect(stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });
});

describe.runIf(testDatabaseKind() === 'pglite')('the embedded database', () => {
  it('refuses a second process on the same data folder, and the first keeps working', async () => {
    const env = { DATA_DIR: await mkdtemp(join(tmpdir(), 'ft-proc-')) };
    const first = await start({ ...env, PORT: String(await freePort()) });
    const second = spawnServer({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toMatch(/is in use by another Fieldtest process/);
    expect((await createClient(first.url).api.api.ready.$get()).status).toBe(200);
  });
});
