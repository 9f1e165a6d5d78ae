import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setUpTestingRelease } from '../support/first-release.ts';
import { createClient } from '../support/http-client.ts';
import { bodyOf } from '../support/problem.ts';
import { freePort, spawnScript, spawnServer } from '../support/server-process.ts';
import { createTestDatabase, testDatabaseKind } from '../support/test-database.ts';

// Moving from the embedded database to PostgreSQL, end to end: a server fills an embedded
// database, `npm run db:copy-to-postgres` copies it into an empty PostgreSQL database, and a
// server on PostgreSQL serves the same reports, files and figures, and takes new reports.

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function start(env: Record<string, string>) {
  const server = spawnServer({ PORT: String(await freePort()), LOG_LEVEL: 'warn', ...env });
  cleanups.push(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
  });
  const [, url] = await server.waitFor(/Fieldtest is running at (\S+)/);
  return { ...server, url: url! };
}

async function copy(env: Record<string, string>) {
  const child = spawnScript('scripts/copy-to-postgres.ts', { LOG_LEVEL: 'warn', ...env });
  const code = await child.exited;
  const { stdout, stderr } = child.output();
  return { code, out: `${stdout}${stderr}` };
}

const report = (releaseId: string, title: string, attachmentIds: string[] = []) => ({
  releaseId,
  title,
  steps: 'Open the file, press save',
  expected: 'Saved',
  actual: 'Nothing happens',
  severity: 'major' as const,
  attachmentIds,
  clientKey: randomUUID(),
});

describe.runIf(testDatabaseKind() === 'postgres')('moving to PostgreSQL', () => {
  it('copies everything into an empty PostgreSQL database that a server then serves unchanged', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ft-move-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const embedded = await start({ DATA_DIR: dataDir });
    const [, setupLink] = await embedded.waitFor(/(http:\S+\/setup#\S+)/);
    const lead = createClient(embedded.url);
    const releaseId = await setUpTestingRelease(lead, setupLink!, { name: 'Moving', githubRepo: 'acme/app' });
    const form = new FormData();
    form.set('file', new Blob(['saving: nothing written\n'], { type: 'text/plain' }), 'save.log');
    const upload = await lead.request('/api/attachments', { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    const file = (await upload.json()) as { id: string };
    const ids: string[] = [];
    for (const [n, title] of ['Save does nothing', 'Export loses the last row', 'Undo skips a step'].entries()) {
      const filed = await bodyOf(
        await lead.api.api.reports.$post({ json: report(releaseId, title, n === 0 ? [file.id] : []) }),
        201,
      );
      ids.push(filed.id);
    }
    const programs = await bodyOf(await lead.api.api.programs.$get(), 200);
    const programId = programs.items[0]!.id;
    const statsOf = async (client: ReturnType<typeof createClient>) => {
      const { computedAt: _, ...figures } = await bodyOf(
        await client.api.api.programs[':id'].stats.$get({ param: { id: programId } }),
        200,
      );
      return figures;
    };
    const before = await statsOf(lead);
    const pages = await Promise.all(
      ids.map(async (id) => bodyOf(await lead.api.api.reports[':id'].$get({ param: { id } }), 200)),
    );
    embedded.child.kill('SIGTERM');
    await embedded.exited;

    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const copied = await copy({ DATA_DIR: dataDir, DATABASE_URL: database.url! });
    expect(copied.code, copied.out).toBe(0);
    expect(copied.out).toMatch(/Copied \d+ rows in \d+ tables/);

    const onServer = await start({ DATABASE_URL: database.url!, ATTACHMENTS_DIR: join(dataDir, 'attachments') });
    const moved = createClient(onServer.url);
    for (const [name, value] of lead.cookies) moved.cookies.set(name, value);
    expect(await statsOf(moved)).toEqual(before);
    for (const page of pages) {
      const now = await bodyOf(await moved.api.api.reports[':id'].$get({ param: { id: page.id } }), 200);
      expect(now).toEqual(page);
    }
    const served = await moved.request(`/api/attachments/${file.id}`);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('saving: nothing written\n');

    // The tables' triggers are on again: a new report is filed, found and counted.
    const next = await bodyOf(await moved.api.api.reports.$post({ json: report(releaseId, 'Redo after save') }), 201);
    const listed = await moved.request(`/api/programs/${programId}/reports?q=Redo`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain(next.id);

    // Only into an empty database.
    onServer.child.kill('SIGTERM');
    await onServer.exited;
    const again = await copy({ DATA_DIR: dataDir, DATABASE_URL: database.url! });
    expect(again.code).toBe(1);
    expect(again.out).toContain('already holds data');
  }, 180_000);
});
