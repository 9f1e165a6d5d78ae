import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';

/**
 * Refuses a version that another release of the program has, ignoring case. The caller holds the
 * program's row lock, so that two releases cannot take the same version at once. Compared with
 * `lower() =`, not Prisma's case-insensitive `equals`: that is ILIKE, where `%` and `_` are wildcards.
 */
export async function assertReleaseVersionFree(
  tx: Prisma.TransactionClient,
  options: { programId: string; version: string; exceptId?: string },
): Promise<void> {
  const [clash] = await tx.$queryRaw<unknown[]>`
    select 1 from "Release"
    where "programId" = ${options.programId}::uuid
      and lower(version) = lower(${options.version})
      and id is distinct from ${options.exceptId ?? null}::uuid
    limit 1`;
  if (clash)
    throw new AppError('conflict', {
      fields: [{ field: 'version', message: 'This program has a release with this version' }],
    });
}
