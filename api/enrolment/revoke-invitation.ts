import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { readCohortMember } from './cohort-member-view.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { lockEnrolment } from './lock-cohort.ts';

/** Withdraws an invitation that has not been accepted: its links stop working and the person is removed. */
export async function revokeInvitation(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  id: string;
}): Promise<CohortMember> {
  return options.prisma.$transaction(async (tx) => {
    const { release, enrolment } = await lockEnrolment(tx, options.id);
    if (enrolment.status !== 'invited')
      throw new AppError('conflict', {
        detail:
          enrolment.status === 'active'
            ? 'This invitation has been accepted already; remove the MVP from the cohort instead.'
            : `There is no open invitation to revoke; this person is ${enrolment.status}.`,
      });
    const now = new Date();
    await tx.invitation.updateMany({
      where: { enrolmentId: enrolment.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: { status: 'removed', endedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: options.actor,
      action: 'enrolment.changed',
      programId: release.programId,
      subjectType: 'enrolment',
      subjectId: enrolment.id,
      before: { status: enrolment.status },
      after: { status: 'removed' },
    });
    return readCohortMember(tx, { programId: release.programId, id: enrolment.id });
  });
}
