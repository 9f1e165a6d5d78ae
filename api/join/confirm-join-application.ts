import { inCohortStatuses } from '../enrolment/enrolment.schemas.ts';
import { applicationReceivedMessage } from '../enrolment/enrolment-messages.ts';
import { countApplications } from '../enrolment/join-link-view.ts';
import { lockCohortRelease } from '../enrolment/lock-cohort.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { queueMessage } from '../lib/queue-message.ts';
import { findUsableJoinConfirmation } from './find-join-confirmation.ts';
import { joinLinkClosedReason } from './join-link-state.ts';

const inCohort: readonly string[] = inCohortStatuses;

/**
 * Confirms an application from the link e-mailed to its address, spending the link: only now does
 * the application count. It waits in the release's queue for the program lead, and the applicant, whose
 * address is now proven, gets an e-mail saying so.
 */
export async function confirmJoinApplication(options: {
  prisma: PrismaClient;
  smtpConfigured: boolean;
  token: string;
}): Promise<{ email: string; status: 'applied' }> {
  const { prisma, smtpConfigured, token } = options;
  return prisma.$transaction(async (tx) => {
    const found = await findUsableJoinConfirmation(tx, token);
    const { token: joinToken, ...application } = found.application;
    // Locked, so that parallel confirmations cannot overrun the cap.
    const release = await lockCohortRelease(tx, found.release.id);
    if (release.joinToken !== joinToken)
      throw new AppError('link_invalid', {
        detail: 'This join link is not valid any more. Ask the program for its current link.',
      });
    const reason = joinLinkClosedReason(release, await countApplications(tx, release.id));
    if (reason) throw new AppError('conflict', { detail: reason });

    const now = new Date();
    const spent = await tx.joinConfirmation.updateMany({
      where: { id: found.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count !== 1) {
      // Confirmed by a parallel request a moment ago: say so.
      await findUsableJoinConfirmation(tx, token);
      throw new AppError('link_invalid');
    }

    const existing = await tx.enrolment.findUnique({
      where: { releaseId_email: { releaseId: release.id, email: application.email } },
      select: { id: true, status: true },
    });
    if (existing && inCohort.includes(existing.status))
      throw new AppError('conflict', {
        detail: 'This e-mail is already part of this release, or its application is waiting for an answer.',
      });
    // Linked to an MVP account at once; a staff address is refused when the lead approves it.
    const account = await tx.user.findUnique({ where: { email: application.email }, select: { id: true, role: true } });
    const data = {
      ...application,
      userId: account?.role === 'mvp' ? account.id : null,
      status: 'applied' as const,
      source: 'application' as const,
      activatedAt: null,
      decidedAt: null,
      endedAt: null,
    };
    // Someone declined or removed earlier keeps their one enrolment per release, which starts over.
    if (existing) await tx.enrolment.update({ where: { id: existing.id }, data, select: { id: true } });
    else await tx.enrolment.create({ data: { ...data, releaseId: release.id }, select: { id: true } });
    await queueMessage(tx, {
      smtpConfigured,
      message: applicationReceivedMessage({ to: application.email, name: application.name, release }),
    });
    return { email: application.email, status: 'applied' as const };
  });
}
