import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { listFolder, listStoredFiles, removeStoredFile, tempFolder } from './attachment-files.ts';
import { lockContent } from './attachment-locks.ts';

/**
 * How old a file must be before a sweep may take it. An upload writes, renames and commits within
 * seconds; the content lock below already keeps a sweep off a file an upload is placing, and this
 * margin also covers a temporary file still being written, which nothing locks.
 */
export const orphanMinAgeMs = 60 * 60 * 1000;

/** Names the database whose uploads the folder holds (see claimFolder). */
const markerName = '.fieldtest-database';

export type SweepResult = { temp: number; stored: number } | { skipped: string };

/**
 * Removes files under the attachments folder that no upload needs: temporary files left by a
 * process that died mid-upload, and stored files without a row (a process killed between placing
 * the file and committing its row, or between deleting a row and its file). Only files older than
 * `minAgeMs`; anything not named as we name files is left alone. A stored file goes only once no
 * row has its content, checked under the content's lock, the one an upload reusing that file holds
 * until its row is committed.
 */
export async function sweepOrphanFiles(options: {
  prisma: PrismaClient;
  dir: string;
  minAgeMs?: number;
}): Promise<SweepResult> {
  const { prisma, dir } = options;
  const claim = await claimFolder(prisma, dir);
  if (!claim.ours) return { skipped: claim.reason };
  const cutoff = Date.now() - (options.minAgeMs ?? orphanMinAgeMs);
  const result = { temp: 0, stored: 0 };

  const tempDir = join(dir, tempFolder);
  for (const name of await listFolder(tempDir)) {
    if (await olderThan(join(tempDir, name), cutoff)) {
      await rm(join(tempDir, name), { force: true });
      result.temp += 1;
    }
  }

  for (const { shard, names } of await listStoredFiles(dir)) {
    const candidates: string[] = [];
    for (const name of names) {
      if (await olderThan(join(dir, shard, name), cutoff)) candidates.push(name);
    }
    if (!candidates.length) continue;
    // A purged record (retention, erasure) names no file: its bytes were meant to go.
    const used = await prisma.attachment.findMany({
      where: { sha256: { in: candidates }, purgedAt: null },
      distinct: ['sha256'],
      select: { sha256: true },
    });
    const usedHashes = new Set(used.map((row) => row.sha256));
    for (const sha256 of candidates) {
      if (usedHashes.has(sha256)) continue;
      const removed = await prisma.$transaction(async (tx) => {
        await lockContent(tx, sha256);
        if ((await tx.attachment.count({ where: { sha256, purgedAt: null } })) > 0) return false;
        await removeStoredFile(dir, sha256);
        return true;
      });
      if (removed) result.stored += 1;
    }
  }
  return result;
}

/**
 * Whether the folder holds this database's uploads. A file without a row is an orphan only in the
 * folder of the database that would have its row; a folder shared by mistake with another database
 * (say a test server on a fresh database, left with the default ATTACHMENTS_DIR) holds nothing but
 * "orphans", and must never be swept. The folder carries the id of the database's first migration,
 * written by the first sweep that finds the folder without stored files, or with files that this
 * database's uploads name (a folder from before the marker existed).
 */
async function claimFolder(
  prisma: PrismaClient,
  dir: string,
): Promise<{ ours: true } | { ours: false; reason: string }> {
  const [first] = await prisma.$queryRaw<{ id: string }[]>`
    select id::text as id from "_prisma_migrations" order by started_at, id limit 1`;
  if (!first) return { ours: false, reason: 'the database records no migration to name it by' };
  const marker = join(dir, markerName);
  const named = await readFile(marker, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (named !== null) {
    return named.trim() === first.id
      ? { ours: true }
      : { ours: false, reason: `the folder holds the uploads of another database (${markerName})` };
  }
  let stored = false;
  for (const { names } of await listStoredFiles(dir)) {
    stored = true;
    if (await prisma.attachment.findFirst({ where: { sha256: { in: names } }, select: { id: true } })) {
      await writeFile(marker, `${first.id}\n`);
      return { ours: true };
    }
  }
  if (stored) return { ours: false, reason: 'no upload of this database names a file in the folder' };
  // A folder not made yet has nothing to sweep; it is claimed once it exists.
  if (!(await stat(dir).catch(() => null))?.isDirectory()) return { ours: true };
  await writeFile(marker, `${first.id}\n`);
  return { ours: true };
}

async function olderThan(path: string, cutoff: number): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() === true && info.mtimeMs < cutoff;
}
