import { countApplications } from '../enrolment/join-link-view.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { JoinInfo } from './join.schemas.ts';
import { findReleaseByJoinToken, joinLinkClosedReason } from './join-link-state.ts';

/** What a join link is for, and whether it takes applications now. */
export async function inspectJoinLink(options: { prisma: PrismaClient; token: string }): Promise<JoinInfo> {
  const release = await findReleaseByJoinToken(options.prisma, options.token);
  const reason = joinLinkClosedReason(release, await countApplications(options.prisma, release.id));
  return {
    programName: release.program.name,
    product: release.program.product,
    releaseVersion: release.version,
    focusAreas: release.focusAreas,
    testStart: release.testStart.toISOString(),
    testEnd: release.testEnd.toISOString(),
    open: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}
