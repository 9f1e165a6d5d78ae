import type { z } from 'zod';
import { joinConfirmationMessage } from '../enrolment/enrolment-messages.ts';
import { countApplications } from '../enrolment/join-link-view.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { queueMessage } from '../lib/queue-message.ts';
import { newToken } from '../lib/tokens.ts';
import type { applyBody } from './join.schemas.ts';
import { findReleaseByJoinToken, joinLinkClosedReason } from './join-link-state.ts';
import { takeApplyTokens, takeMailboxToken } from './join-throttle.ts';

export const joinConfirmationTtlHours = 24;

/**
 * An application through the public join link. It counts only once its address is confirmed: it is
 * kept aside and a confirmation link is e-mailed to the address. Whether the address applied before,
 * is in the cohort or has an account is not looked at here, so the answer cannot tell; confirming
 * decides (see confirm-join-application.ts).
 */
export async function applyToJoin(options: {
  prisma: PrismaClient;
  smtpConfigured: boolean;
  publicUrl: string;
  ip: string;
  body: z.output<typeof applyBody>;
}): Promise<{ email: string; mailed: boolean }> {
  const { prisma, body } = options;
  const release = await findReleaseByJoinToken(prisma, body.token);
  const reason = joinLinkClosedReason(release, await countApplications(prisma, release.id));
  if (reason) throw new AppError('conflict', { detail: reason });
  await takeApplyTokens(prisma, { ip: options.ip, releaseId: release.id });
  if (!(await takeMailboxToken(prisma, body.email))) return { email: body.email, mailed: false };

  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + joinConfirmationTtlHours * 3600_000);
  // Confirmations nobody opened in time are of no use to anyone.
  await prisma.joinConfirmation.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await prisma.$transaction(async (tx) => {
    await tx.joinConfirmation.create({
      data: { releaseId: release.id, email: body.email, tokenHash: hash, application: body, expiresAt },
      select: { id: true },
    });
    await queueMessage(tx, {
      smtpConfigured: options.smtpConfigured,
      message: joinConfirmationMessage({
        to: body.email,
        release,
        url: `${options.publicUrl}/join/confirm#${token}`,
        expiresAt,
      }),
    });
  });
  return { email: body.email, mailed: true };
}
