import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';

/**
 * Puts a dead letter (or a job waiting out its back-off) back in the queue at once, with its
 * attempts reset. `firstSentAt` is kept: if an earlier send did reach GitHub, the marker search
 * still finds it, so a retry can never create a second issue. Returns whether a job was requeued.
 */
export async function retrySyncJob(options: {
  prisma: PrismaClient | Prisma.TransactionClient;
  id: string;
}): Promise<{ retried: boolean }> {
  const retried = await options.prisma.syncJob.updateMany({
    where: { id: options.id, OR: [{ status: 'dead' }, { status: 'pending', attempts: { gt: 0 } }] },
    data: { status: 'pending', attempts: 0, runAfter: new Date(), leaseOwner: null, leaseUntil: null },
  });
  return { retried: retried.count === 1 };
}
