import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { readCohortMembers } from './cohort-member-view.ts';
import type { Cohort, EnrolmentStatus } from './enrolment.schemas.ts';
import { readJoinLink } from './join-link-view.ts';
import { cohortReleaseSelect } from './lock-cohort.ts';

/** Everyone enrolled in a release (or those with one status), with counts, capacity and the join link. */
export async function listCohort(options: {
  prisma: PrismaClient;
  publicUrl: string;
  releaseId: string;
  status?: EnrolmentStatus | undefined;
}): Promise<Cohort> {
  const { prisma, releaseId } = options;
  const release = await prisma.release.findUnique({ where: { id: releaseId }, select: cohortReleaseSelect });
  if (!release) throw new AppError('not_found', { detail: 'No such release.' });
  const items = await readCohortMembers(prisma, {
    programId: release.programId,
    where: { releaseId, ...(options.status ? { status: options.status } : {}) },
  });
  const groups = await prisma.enrolment.groupBy({ by: ['status'], where: { releaseId }, _count: { _all: true } });
  const counts = { invited: 0, applied: 0, active: 0, declined: 0, removed: 0, completed: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  const taken = counts.invited + counts.active;
  const limit = release.cohortCapacity;
  return {
    items,
    counts,
    capacity: { limit, taken, remaining: limit === null ? null : Math.max(0, limit - taken) },
    joinLink: await readJoinLink(prisma, { release, publicUrl: options.publicUrl }),
  };
}
