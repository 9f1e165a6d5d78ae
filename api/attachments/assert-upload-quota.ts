import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { unattachedUploadsPerDay } from './attachments.schemas.ts';

const day = 24 * 60 * 60 * 1000;

/** Throws 429 once the person has made the day's allowance of uploads that no report uses yet. */
export async function assertUploadQuota(db: PrismaClient | Prisma.TransactionClient, userId: string): Promise<void> {
  const now = Date.now();
  const recent = await db.attachment.findMany({
    where: { uploaderId: userId, reportId: null, createdAt: { gt: new Date(now - day) } },
    orderBy: { createdAt: 'asc' },
    take: unattachedUploadsPerDay,
    select: { createdAt: true },
  });
  if (recent.length < unattachedUploadsPerDay) return;
  throw new AppError('rate_limited', {
    detail: `At most ${unattachedUploadsPerDay} files a day may wait for a report: file the report, or remove some.`,
    fields: [{ field: 'file', message: `Upload at most ${unattachedUploadsPerDay} files a day` }],
    retryAfterSeconds: (recent[0]!.createdAt.getTime() + day - now) / 1000,
  });
}
