import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DatabaseTarget, openDatabase } from '../../api/db/open-database.ts';
import { setUpTestingRelease } from '../support/first-release.ts';
import { createClient } from '../support/http-client.ts';
import { taggedPng } from '../support/sample-files.ts';
import { freePort, serverProcesses } from '../support/server-process.ts';
import { createTestDatabase } from '../support/test-database.ts';

// Files under ATTACHMENTS_DIR that no upload row names: what a process killed with -9 leaves
// behind, swept by the next start while every file with a row stays.

const { start, afterwards } = serverProcesses();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const hourMs = 3_600_000;

/** Every file under the folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return (
    entries
      // Dotfiles are the folder's own (the marker naming its database), never uploads.
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort()
  );
}

/** The content hashes that upload rows name, read with the server stopped. */
async function hashesWithRows(target: DatabaseTarget): Promise<Set<string>> {
  const database = await openDatabase(target);
  try {
    const rows = await database.prisma.attachment.findMany({ distinct: ['sha256'], select: { sha256: true } });
    return new Set(rows.map((row) => row.sha256));
  } finally {
    await database.close();
  }
}

describe('orphan attachment files', () => {
  it('are swept at start-up after kill -9 during uploads, while every file with a row stays', async () => {
    const files = await mkdtemp(join(tmpdir(), 'ft-orphans-files-'));
    afterwards(() => rm(files, { recursive: true, force: true }));
    const env: Record<string, string> = { PORT: String(await freePort()), ATTACHMENTS_DIR: files };
    const database = await createTestDatabase();
    afterwards(database.drop);
    Object.assign(env, database.env);
    const { target } = database;

    const first = await start(env);
    const [, setupLink] = await first.waitFor(/(http:\S+\/setup#\S+)/);
    const lead = createClient(first.url);
    const releaseId = await setUpTestingRelease(lead, setupLink!, { name: 'Orphans', githubRepo: 'acme/app' });
    const cookie = [...lead.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.set('file', new Blob([bytes], { type: 'image/png' }), 'screen.png');
      return fetch(`${first.url}/api/attachments`, { method: 'POST', headers: { cookie }, body: form });
    };

    // One file attached to a filed report, one waiting for its report.
    const attached = (await (await upload(taggedPng('attached'))).json()) as { id: string };
    const filed = await fetch(`${first.url}/api/reports`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        releaseId,
        title: 'Crash on print',
        steps: 'Print',
        expected: 'It prints',
        actual: 'It crashes',
        severity: 'major',
        attachmentIds: [attached.id],
        clientKey: randomUUID(),
      }),
    });
    expect(filed.status).toBe(201);
    expect((await upload(taggedPng('waiting'))).status).toBe(201);

    // Uploads in flight when the process dies.
    let stop = false;
    const uploaders = Array.from({ length: 6 }, async (_, worker) => {
      for (let n = 0; !stop; n++) await upload(taggedPng(`${worker}-${n}-${randomUUID()}`)).catch(() => {});
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.child.kill('SIGKILL');
    await first.exited;
    stop = true;
    await Promise.all(uploaders);

    // What a killed upload can leave, written by hand so the test never depends on the kill's
    // timing: a temporary file, and a file placed under its content address whose row never came.
    await mkdir(join(files, 'tmp'), { recursive: true });
    await writeFile(join(files, 'tmp', `${randomUUID()}.part`), taggedPng('half written'));
    const placed = taggedPng('placed, never recorded');
    await mkdir(join(files, sha256(placed).slice(0, 2)), { recursive: true });
    await writeFile(join(files, sha256(placed).slice(0, 2), sha256(placed)), placed);
    // Two hours pass; then a file appears that could be an upload in flight now: it must stay.
    const past = new Date(Date.now() - 2 * hourMs);
    for (const path of await filesUnder(files)) await utimes(join(files, path), past, past);
    const young = taggedPng('just placed');
    const youngPath = join(sha256(young).slice(0, 2), sha256(young));
    await mkdir(join(files, sha256(young).slice(0, 2)), { recursive: true });
    await writeFile(join(files, youngPath), young);

    const rows = await hashesWithRows(target);
    const stored = (paths: string[]) => paths.filter((path) => !path.startsWith('tmp'));
    const before = await filesUnder(files);
    const orphans = stored(before).filter((path) => !rows.has(path.slice(3)) && path !== youngPath);
    expect(orphans.length).toBeGreaterThanOrEqual(1);
    expect(before.filter((path) => path.startsWith('tmp')).length).toBeGreaterThanOrEqual(1);
    expect(rows.size).toBeGreaterThanOrEqual(2);

    const second = await start(env);
    await second.waitFor(/orphan attachment files removed/);
    const after = await filesUnder(files);
    expect(after.filter((path) => path.startsWith('tmp'))).toEqual([]);
    expect(stored(after)).toEqual([...[...rows].map((hash) => join(hash.slice(0, 2), hash)), youngPath].sort());
    // The survivors are whole: each is the content its name says.
    for (const path of stored(after)) expect(sha256(await readFile(join(files, path)))).toBe(path.slice(3));
    const served = await fetch(`${second.url}/api/attachments/${attached.id}`, { headers: { cookie } });
    expect(served.status).toBe(200);
    expect(sha256(new Uint8Array(await served.arrayBuffer()))).toBe(sha256(taggedPng('attached')));
  }, 120_000);
});
