import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { uploadQuota } from './attachments.schemas.ts';

const windowMs = uploadQuota.windowHours * 60 * 60 * 1000;
const mebibytes = (bytes: number) => `${Math.floor((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** "in about 3 hours", "in about 20 minutes": when a refused upload may be tried again. */
function inAbout(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 90) return `in about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `in about ${Math.round(minutes / 60)} hours`;
}

/**
 * Throws 429 unless the person may upload `size` more bytes now: over any 24 hours, at most
 * `uploadQuota.files` files and `uploadQuota.bytes` bytes, whether attached to a report by now or
 * not (an upload removed before filing no longer counts). Retry-After says when enough of the
 * window's uploads have aged out of it.
 */
export async function assertUploadQuota(
  db: PrismaClient | Prisma.TransactionClient,
  options: { userId: string; size: number },
): Promise<void> {
  const now = Date.now();
  const recent = await db.attachment.findMany({
    where: { uploaderId: options.userId, createdAt: { gt: new Date(now - windowMs) } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true, size: true },
  });
  const files = recent.length;
  const bytes = recent.reduce((sum, row) => sum + row.size, 0);
  const tooMany = files + 1 > uploadQuota.files;
  const tooLarge = bytes + options.size > uploadQuota.bytes;
  if (!tooMany && !tooLarge) return;

  // The moment the oldest uploads have left the window, one by one, until this one fits.
  let freedAt = now;
  let freedFiles = 0;
  let freedBytes = 0;
  for (const row of recent) {
    if (files - freedFiles + 1 <= uploadQuota.files && bytes - freedBytes + options.size <= uploadQuota.bytes) break;
    freedFiles += 1;
    freedBytes += row.size;
    freedAt = row.createdAt.getTime() + windowMs;
  }
  const waitMs = Math.max(1000, freedAt - now);
  const detail = tooMany
    ? `You have uploaded ${files} files in the last ${uploadQuota.windowHours} hours, the most one person may. ` +
      `You can upload again ${inAbout(waitMs)}; until then, attach files you have already uploaded, or remove uploads you no longer need.`
    : `This file would take what you uploaded in the last ${uploadQuota.windowHours} hours past ${mebibytes(uploadQuota.bytes)}. ` +
      `Upload a file of at most ${mebibytes(Math.max(0, uploadQuota.bytes - bytes))}, remove uploads you no longer need, or try again ${inAbout(waitMs)}.`;
  throw new AppError('rate_limited', {
    detail,
    fields: [
      {
        field: 'file',
        message: tooMany
          ? `Upload at most ${uploadQuota.files} files in ${uploadQuota.windowHours} hours`
          : `Upload at most ${mebibytes(uploadQuota.bytes)} in ${uploadQuota.windowHours} hours`,
      },
    ],
    retryAfterSeconds: waitMs / 1000,
  });
}
