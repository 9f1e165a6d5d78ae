import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// Files live under ATTACHMENTS_DIR by content: `<sha256[0..2]>/<sha256>`, so one content is stored
// once however often it is uploaded. A file is written under a temporary name in `tmp/` (same file
// system, so the rename is atomic), flushed to disk, then renamed into place: a crash never leaves
// a partial file under a final name. The database row is written only after that. What a killed
// process leaves behind (a temporary file, a placed file without its row) is swept later
// (sweep-orphan-files.ts).

export type TempFile = { path: string; sha256: string; size: number };

export const tempFolder = 'tmp';

const shardName = /^[0-9a-f]{2}$/;
const storedName = /^[0-9a-f]{64}$/;

/**
 * The stored files of an attachments folder, shard by shard: names that are content hashes in the
 * shard of their first two digits (anything else there, a stray or temporary file, is left out).
 */
export async function listStoredFiles(dir: string): Promise<{ shard: string; names: string[] }[]> {
  const shards: { shard: string; names: string[] }[] = [];
  for (const shard of await listFolder(dir)) {
    if (!shardName.test(shard)) continue;
    const names = (await listFolder(join(dir, shard))).filter(
      (name) => storedName.test(name) && name.startsWith(shard),
    );
    if (names.length) shards.push({ shard, names });
  }
  return shards;
}

/** A folder's entries; none when it does not exist (yet). */
export async function listFolder(path: string): Promise<string[]> {
  return readdir(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
}

export function storedPath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256);
}

/** Streams the content into a new temporary file, hashing it on the way; the file is on disk on return. */
export async function writeTempFile(
  dir: string,
  source: ReadableStream<Uint8Array>,
  onChunk: (chunk: Uint8Array) => void = () => {},
): Promise<TempFile> {
  const tempDir = join(dir, tempFolder);
  await mkdir(tempDir, { recursive: true });
  const path = join(tempDir, `${randomUUID()}.part`);
  const handle = await open(path, 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  try {
    const reader = source.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      hash.update(chunk);
      onChunk(chunk);
      await writeAll(handle, chunk);
      size += chunk.byteLength;
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return { path, sha256: hash.digest('hex'), size };
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * Moves a temporary file to its content address, or drops it when an intact copy is there already.
 * The caller holds the content's lock, so that a concurrent delete cannot remove the copy it reuses.
 */
export async function placeFile(dir: string, temp: TempFile): Promise<void> {
  const target = storedPath(dir, temp.sha256);
  const existing = await stat(target).catch(() => null);
  if (existing?.isFile() && existing.size === temp.size) {
    await discardTempFile(temp);
    return;
  }
  const folder = dirname(target);
  const created = await mkdir(folder, { recursive: true });
  await rename(temp.path, target);
  await syncDirectory(folder);
  if (created) await syncDirectory(dir);
}

/** Removes the temporary file if it is still there (it is not once placed). */
export async function discardTempFile(temp: TempFile): Promise<void> {
  await rm(temp.path, { force: true });
}

export async function removeStoredFile(dir: string, sha256: string): Promise<void> {
  const target = storedPath(dir, sha256);
  await rm(target, { force: true });
  await syncDirectory(dirname(target)).catch(() => {});
}

/** Opens the stored content for reading; null when it is missing. */
export async function openStoredFile(
  dir: string,
  sha256: string,
): Promise<{ handle: FileHandle; size: number } | null> {
  const handle = await open(storedPath(dir, sha256), 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return null;
  try {
    return { handle, size: (await handle.stat()).size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

// A rename is durable only once the directory that holds the new name is flushed too.
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
