import type { PrismaClient } from '../generated/prisma/client.ts';
import { removeStoredFile } from './attachment-files.ts';
import { lockContent } from './attachment-locks.ts';

/**
 * Removes the stored files of contents whose records were all purged (retention, erasure), after
 * the purge committed. Files are stored once per content, so a file another live record names
 * stays; the check runs under the content's lock, so an upload of the same content meanwhile keeps
 * its file. A process killed before this leaves files that the orphan sweep removes later, since a
 * purged record names no file.
 */
export async function removePurgedFiles(options: {
  prisma: PrismaClient;
  dir: string;
  sha256s: readonly string[];
}): Promise<number> {
  let removed = 0;
  for (const sha256 of new Set(options.sha256s)) {
    const gone = await options.prisma.$transaction(async (tx) => {
      await lockContent(tx, sha256);
      if ((await tx.attachment.count({ where: { sha256, purgedAt: null } })) > 0) return false;
      await removeStoredFile(options.dir, sha256);
      return true;
    });
    if (gone) removed += 1;
  }
  return removed;
}
