import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { readCohortMember } from './cohort-member-view.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { lockEnrolment } from './lock-cohort.ts';

/**
 * Takes someone out of the cohort. Their access to the release ends with this transaction (access
 * follows the enrolment status, see lib/release-access.ts); what they filed stays.
 */
export async function removeFromCohort(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  id: string;
}): Promise<CohortMember> {
  return options.prisma.$transaction(async (tx) => {
    const { release, enrolment } = await lockEnrolment(tx, options.id);
    if (enrolment.status !== 'invited' && enrolment.status !== 'active')
      throw new AppError('conflict', {
        detail: `Only invited or active MVPs can be removed; this one is ${enrolment.status}.`,
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
      action: 'mvp.removed',
      programId: release.programId,
      subjectType: 'enrolment',
      subjectId: enrolment.id,
      before: { status: enrolment.status },
      after: { status: 'removed' },
    });
    return readCohortMember(tx, { programId: release.programId, id: enrolment.id });
  });
}
