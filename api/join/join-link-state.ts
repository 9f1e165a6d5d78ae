import { type CohortRelease, cohortReleaseSelect } from '../enrolment/lock-cohort.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import type { JoinInfo } from './join.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** The release a join link belongs to; 410 when no release has it (never did, or it was rotated). */
export async function findReleaseByJoinToken(db: Db, token: string) {
  const release = await db.release.findUnique({ where: { joinToken: token }, select: cohortReleaseSelect });
  if (!release)
    throw new AppError('link_invalid', {
      detail: 'This join link is not valid any more. Ask the program for its current link.',
    });
  return release;
}

/** Why the link takes no applications now, in words for the applicant; undefined while it does. */
export function joinLinkClosedReason(
  release: { status: string; joinEnabled: boolean; joinCap: number | null },
  applications: number,
): string | undefined {
  if (release.status === 'shipped') return 'This release has shipped; it takes no more testers.';
  if (!release.joinEnabled) return 'This join link is closed at the moment.';
  if (release.joinCap !== null && applications >= release.joinCap)
    return 'This release has all the applications it can take.';
  return undefined;
}

/** The release as an applicant sees it, and whether its link takes applications now. */
export function joinInfoOf(release: CohortRelease, closedReason: string | undefined): JoinInfo {
  return {
    programName: release.program.name,
    product: release.program.product,
    releaseVersion: release.version,
    focusAreas: release.focusAreas,
    testStart: release.testStart.toISOString(),
    testEnd: release.testEnd.toISOString(),
    open: closedReason === undefined,
    ...(closedReason ? { reason: closedReason } : {}),
  };
}
