import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Shipping a release ends its requests to check fixes: those still waiting expire, in the caller's
 * transaction, and can no longer be answered (a shipped build is checked in production, not here).
 * Returns how many expired.
 */
export async function expireVerifications(
  tx: Prisma.TransactionClient,
  options: { releaseId: string },
): Promise<number> {
  const expired = await tx.verification.updateMany({
    where: { status: 'pending', report: { releaseId: options.releaseId } },
    data: { status: 'expired' },
  });
  return expired.count;
}
