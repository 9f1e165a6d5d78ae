import { countApplications } from '../enrolment/join-link-view.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { findUsableJoinConfirmation } from './find-join-confirmation.ts';
import type { JoinConfirmationInfo } from './join.schemas.ts';
import { joinInfoOf, joinLinkClosedReason } from './join-link-state.ts';

/**
 * What confirming would send, shown to whoever holds the link before they confirm: the e-mail did not
 * repeat what was typed, so this is where the mailbox's owner sees it.
 */
export async function inspectJoinConfirmation(options: {
  prisma: PrismaClient;
  token: string;
}): Promise<JoinConfirmationInfo> {
  const { prisma } = options;
  const { release, application, expiresAt } = await findUsableJoinConfirmation(prisma, options.token);
  const { token: _joinToken, ...typed } = application;
  return {
    ...joinInfoOf(release, joinLinkClosedReason(release, await countApplications(prisma, release.id))),
    application: typed,
    expiresAt: expiresAt.toISOString(),
  };
}
