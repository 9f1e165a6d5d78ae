import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';

/**
 * Refuses a version that another release of the program has, ignoring case. The caller holds the
 * program's row lock, so that two releases cannot take the same version at once.
 */
export async function assertReleaseVersionFree(
  tx: Prisma.TransactionClient,
  options: { programId: string; version: string; exceptId?: string },
): Promise<void> {
  const clash = await tx.release.findFirst({
    where: {
      programId: options.programId,
      version: { equals: options.version, mode: 'insensitive' },
      ...(options.exceptId ? { id: { not: options.exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash)
    throw new AppError('conflict', {
      fields: [{ field: 'version', message: 'This program has a release with this version' }],
    });
}
