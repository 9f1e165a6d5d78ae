import type { Prisma } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { releaseWindowSelect } from '../lib/release-window.ts';
import { lockRelease } from '../lib/row-locks.ts';

type Tx = Prisma.TransactionClient;

export const cohortReleaseSelect = {
  ...releaseWindowSelect,
  cohortCapacity: true,
  joinToken: true,
  joinEnabled: true,
  joinCap: true,
  program: { select: { name: true, product: true } },
} as const satisfies Prisma.ReleaseSelect;

export type CohortRelease = Prisma.ReleaseGetPayload<{ select: typeof cohortReleaseSelect }>;

/**
 * Locks the release row for the rest of the transaction, so that changes to one release's cohort
 * happen one at a time: capacity and join-cap checks cannot be outrun by a parallel request, and
 * the release cannot ship half-way through (shipping takes the same lock).
 */
export async function lockCohortRelease(tx: Tx, id: string): Promise<CohortRelease> {
  await lockRelease(tx, id);
  return tx.release.findUniqueOrThrow({ where: { id }, select: cohortReleaseSelect });
}

/** Locks the enrolment's release (see lockCohortRelease), then reads the enrolment as it now stands. */
export async function lockEnrolment(tx: Tx, id: string) {
  const found = await tx.enrolment.findUnique({ where: { id }, select: { releaseId: true } });
  if (!found) throw new AppError('not_found', { detail: 'No such enrolment.' });
  const release = await lockCohortRelease(tx, found.releaseId);
  const enrolment = await tx.enrolment.findUniqueOrThrow({
    where: { id },
    select: { id: true, email: true, name: true, company: true, status: true, userId: true },
  });
  return { release, enrolment };
}

export function assertNotShipped(release: { status: string }): void {
  if (release.status === 'shipped')
    throw new AppError('conflict', { detail: 'This release has shipped; its cohort is closed.' });
}
