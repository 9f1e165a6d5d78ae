import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { queueMessage } from '../lib/queue-message.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { readCohortMember } from './cohort-member-view.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { applicationDeclinedMessage } from './enrolment-messages.ts';
import { lockEnrolment } from './lock-cohort.ts';

/** Turns an application down, and tells the applicant kindly. */
export async function declineApplication(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  smtpConfigured: boolean;
  id: string;
}): Promise<CohortMember> {
  return options.prisma.$transaction(async (tx) => {
    const { release, enrolment } = await lockEnrolment(tx, options.id);
    if (enrolment.status !== 'applied')
      throw new AppError('conflict', {
        detail: `Only applications waiting for a decision can be declined; this one is ${enrolment.status}.`,
      });
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: { status: 'declined', decidedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: options.actor,
      action: 'enrolment.changed',
      programId: release.programId,
      subjectType: 'enrolment',
      subjectId: enrolment.id,
      before: { status: enrolment.status },
      after: { status: 'declined' },
    });
    await queueMessage(tx, {
      smtpConfigured: options.smtpConfigured,
      message: applicationDeclinedMessage({ to: enrolment.email, name: enrolment.name, release }),
    });
    return readCohortMember(tx, { programId: release.programId, id: enrolment.id });
  });
}
