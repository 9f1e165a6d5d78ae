import { inCohortStatuses } from '../enrolment/enrolment.schemas.ts';
import { applicationReceivedMessage } from '../enrolment/enrolment-messages.ts';
import { countApplications } from '../enrolment/join-link-view.ts';
import { lockCohortRelease } from '../enrolment/lock-cohort.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { queueMessage } from '../mail/queue-message.ts';
import { findReleaseByJoinToken, joinLinkClosedReason } from './join-link-state.ts';

const inCohort: readonly string[] = inCohortStatuses;

/**
 * An application through the public join link: it waits in the release's queue for the program
 * lead, and the applicant gets an e-mail saying so.
 */
export async function applyToJoin(options: {
  prisma: PrismaClient;
  smtpConfigured: boolean;
  token: string;
  name: string;
  email: string;
  company: string;
  jobRole: string;
  platforms: string[];
  devices: string[];
  motivation: string;
}): Promise<{ email: string; status: 'applied' }> {
  const { token, smtpConfigured, prisma, ...application } = options;
  return prisma.$transaction(async (tx) => {
    const found = await findReleaseByJoinToken(tx, token);
    // Locked, so that parallel applications cannot overrun the cap.
    const release = await lockCohortRelease(tx, found.id);
    if (release.joinToken !== token) await findReleaseByJoinToken(tx, token);
    const reason = joinLinkClosedReason(release, await countApplications(tx, release.id));
    if (reason) throw new AppError('conflict', { detail: reason });

    const existing = await tx.enrolment.findUnique({
      where: { releaseId_email: { releaseId: release.id, email: application.email } },
      select: { id: true, status: true },
    });
    if (existing && inCohort.includes(existing.status))
      throw new AppError('conflict', {
        detail: 'This e-mail is already part of this release, or its application is waiting for an answer.',
        fields: [{ field: 'email', message: "Already in this release's cohort" }],
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
