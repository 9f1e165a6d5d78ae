import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { removePurgedFiles } from './remove-purged-files.ts';

const dayMs = 24 * 60 * 60 * 1000;
const batchSize = 200;

/**
 * One batch of the retention purge: files of reports (their own, their "me too" entries', their
 * comments' and verification answers') whose release shipped more than the program's
 * `attachmentRetentionDays` ago. The records stay with `purgedAt` set, so the report still lists
 * the file as removed and a download answers 410 `file_purged`; the bytes go once no live record
 * names the content. Programs without a retention period keep every file. Says whether a full
 * batch was purged (more may be waiting). Two processes purging at once agree: the mark is
 * conditional and the removal is decided under the content's lock.
 */
export async function purgeExpiredAttachments(options: {
  prisma: PrismaClient;
  dir: string;
  now?: Date;
}): Promise<{ purged: number; files: number; more: boolean }> {
  const { prisma, dir } = options;
  const now = options.now ?? new Date();
  const programs = await prisma.program.findMany({
    where: { attachmentRetentionDays: { not: null } },
    select: { id: true, attachmentRetentionDays: true },
  });
  let purged = 0;
  const sha256s: string[] = [];
  for (const program of programs) {
    const room = batchSize - purged;
    if (room <= 0) break;
    const cutoff = new Date(now.getTime() - (program.attachmentRetentionDays ?? 0) * dayMs);
    const expired: Prisma.ReportWhereInput = {
      programId: program.id,
      release: { status: 'shipped', shippedAt: { lte: cutoff } },
    };
    const rows = await prisma.attachment.findMany({
      where: {
        purgedAt: null,
        OR: [
          { report: expired },
          { finder: { report: expired } },
          { comment: { report: expired } },
          { verification: { report: expired } },
        ],
      },
      select: { id: true, sha256: true },
      orderBy: { id: 'asc' },
      take: room,
    });
    if (!rows.length) continue;
    const { count } = await prisma.attachment.updateMany({
      where: { id: { in: rows.map((row) => row.id) }, purgedAt: null },
      data: { purgedAt: now },
    });
    purged += count;
    sha256s.push(...rows.map((row) => row.sha256));
  }
  const files = await removePurgedFiles({ prisma, dir, sha256s });
  return { purged, files, more: purged >= batchSize };
}
