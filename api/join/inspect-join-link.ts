import { countApplications } from '../enrolment/join-link-view.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { JoinInfo } from './join.schemas.ts';
import { findReleaseByJoinToken, joinInfoOf, joinLinkClosedReason } from './join-link-state.ts';

/** What a join link is for, and whether it takes applications now. */
export async function inspectJoinLink(options: { prisma: PrismaClient; token: string }): Promise<JoinInfo> {
  const release = await findReleaseByJoinToken(options.prisma, options.token);
  return joinInfoOf(release, joinLinkClosedReason(release, await countApplications(options.prisma, release.id)));
}
