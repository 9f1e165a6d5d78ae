import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { countPlacesTaken } from '../lib/cohort-places.ts';

/** Refuses to give `adding` more places than the release's cohort capacity leaves (call under lockRelease). */
export async function assertCohortRoom(
  tx: Prisma.TransactionClient,
  options: { release: { id: string; cohortCapacity: number | null }; adding: number },
): Promise<void> {
  const limit = options.release.cohortCapacity;
  if (limit === null) return;
  const taken = await countPlacesTaken(tx, options.release.id);
  if (taken + options.adding <= limit) return;
  const room = Math.max(0, limit - taken);
  const mvps = `${limit} ${limit === 1 ? 'MVP' : 'MVPs'}`;
  const held = `${taken} ${taken === 1 ? 'is' : 'are'} invited or active`;
  throw new AppError('conflict', {
    detail:
      room === 0
        ? `The cohort is full: it takes ${mvps} and ${held}. Raise the release's cohort capacity or remove someone first.`
        : `The cohort takes ${mvps} and ${held}, so ${room} more can join, not ${options.adding}.`,
  });
}
