import type { Prisma } from '../generated/prisma/client.ts';

/** These take up a place in the cohort (Release.cohortCapacity). */
const placeTakingStatuses = ['invited', 'active'] as const;

/** Invited and active MVPs of the release: those who hold a place in its cohort. */
export function countPlacesTaken(db: Prisma.TransactionClient, releaseId: string): Promise<number> {
  return db.enrolment.count({ where: { releaseId, status: { in: [...placeTakingStatuses] } } });
}
