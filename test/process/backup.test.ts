import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setUpTestingRelease } from '../support/first-release.ts';
import { createClient } from '../support/http-client.ts';
import { freePort, spawnScript, spawnServer } from '../support/server-process.ts';
import { testDatabaseKind } from '../support/test-database.ts';

// `npm run backup` and `npm run restore` on the embedded database, as processes: a backup taken
// while customers keep filing holds every report acknowledged before it began, with its files, and
// comes back into an empty data folder that a new server then serves.

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function folder(name: string) {
  const dir = await mkdtemp(join(tmpdir(), `ft-${name}-`));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(env: Record<string, string>) {
  const server = spawnServer({ PORT: String(await freePort()), LOG_LEVEL: 'warn', ...env });
  cleanups.push(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
  });
  const [, url] = await server.waitFor(/Fieldtest is running at (\S+)/);
  return { ...server, url: url! };
}

/** Runs a package script to its end; returns its exit code and output. */
async function run(script: string, args: string[], env: Record<string, string>) {
  const child = spawnScript(script, { LOG_LEVEL: 'warn', ...env }, args);
  const code = await child.exited;
  const { stdout, stderr } = child.output();
  return { code, out: `${stdout}${stderr}` };
}

const onePixel = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c60000000049454e44ae426082',
  'hex',
);

describe.runIf(testDatabaseKind() === 'pglite')('backing up the embedded database', () => {
  it('restores a backup taken under concurrent filing with every report acknowledged before it began', async () => {
    const dataDir = await folder('backup-data');
    const first = await start({ DATA_DIR: dataDir });
    const [, setupLink] = await first.waitFor(/(http:\S+\/setup#\S+)/);
    const lead = createClient(first.url);
    const releaseId = await setUpTestingRelease(lead, setupLink!, { name: 'Backups', githubRepo: 'acme/app' });
    const cookie = [...lead.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

    // Four filers at a pace that keeps within one person's allowances (60 reports at once, 60
    // uploads a day): files with the first reports, then reports without.
    const acknowledged: { reportId: string; file: { id: string; sha256: string } | null; at: number }[] = [];
    let stop = false;
    const filers = Array.from({ length: 4 }, async (_, worker) => {
      for (let n = 0; !stop; n++) {
        const bytes = new Uint8Array(Buffer.concat([onePixel, Buffer.from(`${worker}-${n}-${randomUUID()}`)]));
        const form = new FormData();
        form.set('file', new Blob([bytes], { type: 'image/png' }), 'screen.png');
        const upload =
          n < 8
            ? await fetch(`${first.url}/api/attachments`, { method: 'POST', headers: { cookie }, body: form })
            : null;
        const file =
          upload?.status === 201
            ? {
                id: ((await upload.json()) as { id: string }).id,
                sha256: createHash('sha256').update(bytes).digest('hex'),
              }
            : null;
        const filed = await fetch(`${first.url}/api/reports`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({
            releaseId,
            title: `Backup ${worker}-${n}`,
            steps: 'Open it',
            expected: 'Works',
            actual: 'Crashes',
            severity: 'major',
            attachmentIds: file ? [file.id] : [],
            clientKey: randomUUID(),
          }),
        });
        if (filed.status === 429) break;
        expect(filed.status).toBe(201);
        const report = (await filed.json()) as { id: string };
        acknowledged.push({ reportId: report.id, file, at: Date.now() });
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const backupFile = join(await folder('backup-out'), 'fieldtest.tar');
    const began = Date.now();
    const backup = await run('scripts/backup.ts', ['--out', backupFile], { DATA_DIR: dataDir });
    expect(backup.out).toContain('Asked the running server');
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain(`Backup written: ${backupFile}`);
    // Filing went on during the backup.
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(filers);
    const before = acknowledged.filter((entry) => entry.at < began);
    expect(before.length).toBeGreaterThan(5);
    expect(acknowledged.length).toBeGreaterThan(before.length);

    first.child.kill('SIGTERM');
    await first.exited;

    // Into an empty folder, and only there.
    const restoredDir = await folder('restored');
    const restore = await run('scripts/restore.ts', [backupFile], { DATA_DIR: restoredDir });
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toMatch(/Restored the backup taken at \S+ into .*: \d+ reports/);
    const again = await run('scripts/restore.ts', [backupFile], { DATA_DIR: restoredDir });
    expect(again.code).toBe(1);
    expect(again.out).toContain('already holds a database');

    const second = await start({ DATA_DIR: restoredDir });
    for (const { reportId, file } of before) {
      const report = await fetch(`${second.url}/api/reports/${reportId}`, { headers: { cookie } });
      expect(report.status, `report ${reportId}`).toBe(200);
      const body = (await report.json()) as { attachments: { id: string }[] };
      expect(body.attachments.map((attachment) => attachment.id)).toEqual(file ? [file.id] : []);
      if (!file) continue;
      const served = await fetch(`${second.url}/api/attachments/${file.id}`, { headers: { cookie } });
      expect(served.status).toBe(200);
      expect(
        createHash('sha256')
          .update(Buffer.from(await served.arrayBuffer()))
          .digest('hex'),
      ).toBe(file.sha256);
    }
    expect(before.filter((entry) => entry.file).length).toBeGreaterThan(5);
    // The restored server takes new reports.
    const more = await fetch(`${second.url}/api/reports`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        releaseId,
        title: 'After the restore',
        steps: 'Open it',
        expected: 'Works',
        actual: 'Crashes',
        severity: 'minor',
        clientKey: randomUUID(),
      }),
    });
    expect(more.status).toBe(201);
    second.child.kill('SIGTERM');
    await second.exited;

    // With no server running, the script opens the data folder itself.
    const offlineFile = join(await folder('backup-offline'), 'offline.tar');
    const offline = await run('scripts/backup.ts', ['--out', offlineFile], { DATA_DIR: restoredDir });
    expect(offline.code, offline.out).toBe(0);
    expect(offline.out).not.toContain('Asked the running server');
    expect(offline.out).toContain(`Backup written: ${offlineFile}`);
  }, 180_000);

  it('says what to do instead on PostgreSQL, and refuses what is not a backup', async () => {
    const onServer = await run('scripts/backup.ts', [], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
    });
    expect(onServer.code).toBe(1);
    expect(onServer.out).toContain('pg_dump');
    const empty = await run('scripts/backup.ts', [], { DATA_DIR: await folder('no-database') });
    expect(empty.code).toBe(1);
    expect(empty.out).toContain('There is no embedded database');
    const notBackup = join(await folder('not-backup'), 'notes.tar');
    await writeFile(notBackup, 'just text, no tar');
    const refused = await run('scripts/restore.ts', [notBackup], { DATA_DIR: await folder('target') });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('is not a Fieldtest backup');
  }, 60_000);
});
