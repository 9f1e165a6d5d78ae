import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanFiles } from '../../api/attachments/sweep-orphan-files.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The sweep of orphan files decides whose folder it is before removing anything: a folder that
// holds another database's uploads looks like nothing but orphans to this one. (The sweep after a
// kill -9 is tested with real processes in test/process/attachment-orphans.test.ts.)

let server: TestServer;
const folders: string[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const twoHoursAgo = () => new Date(Date.now() - 2 * 3_600_000);

/** A folder holding, two hours old, a stored file per content and a temporary file. */
async function folderWith(contents: string[], marker?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ft-sweep-'));
  folders.push(dir);
  await mkdir(join(dir, 'tmp'));
  const paths = [join(dir, 'tmp', `${randomUUID()}.part`)];
  for (const content of contents) {
    const hash = sha256(content);
    await mkdir(join(dir, hash.slice(0, 2)), { recursive: true });
    paths.push(join(dir, hash.slice(0, 2), hash));
  }
  for (const [index, path] of paths.entries()) {
    await writeFile(path, index === 0 ? 'half written' : contents[index - 1]!);
    await utimes(path, twoHoursAgo(), twoHoursAgo());
  }
  if (marker) await writeFile(join(dir, '.fieldtest-database'), marker);
  return dir;
}

async function storedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

async function uploadRow(content: string) {
  const uploader = await server.createUser('mvp');
  await server.prisma.attachment.create({
    data: {
      uploaderId: uploader.id,
      sha256: sha256(content),
      size: content.length,
      contentType: 'text/plain; charset=utf-8',
      fileName: 'kept.log',
    },
  });
}

describe('the orphan sweep', () => {
  it("removes old files without a row from its database's folder, and keeps each file with one", async () => {
    await uploadRow('kept');
    const dir = await folderWith(['kept', 'orphan']);
    expect(await sweepOrphanFiles({ prisma: server.prisma, dir })).toEqual({ temp: 1, stored: 1 });
    expect(await storedFiles(dir)).toEqual([sha256('kept')]);
  });

  it('leaves alone a folder marked as another database’s', async () => {
    await uploadRow('theirs too');
    const dir = await folderWith(['theirs too', 'theirs'], `${randomUUID()}\n`);
    const before = await storedFiles(dir);
    expect(await sweepOrphanFiles({ prisma: server.prisma, dir })).toEqual({ skipped: expect.any(String) });
    expect(await storedFiles(dir)).toEqual(before);
  });

  it('leaves alone an unmarked folder whose files no upload of this database names', async () => {
    const dir = await folderWith(['someone else’s', 'and another']);
    const before = await storedFiles(dir);
    expect(await sweepOrphanFiles({ prisma: server.prisma, dir })).toEqual({ skipped: expect.any(String) });
    expect(await storedFiles(dir)).toEqual(before);
    expect(before).toHaveLength(3);
  });
});
