import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { changeEnrolment, endEnrolment } from './change-enrolment.ts';
import type { CohortMember } from './enrolment.schemas.ts';

/** Withdraws an invitation that has not been accepted: its links stop working and the person is removed. */
export async function revokeInvitation(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  id: string;
}): Promise<CohortMember> {
  return changeEnrolment({
    prisma: options.prisma,
    id: options.id,
    change: async (tx, locked) => {
      const { status } = locked.enrolment;
      if (status !== 'invited')
        throw new AppError('conflict', {
          detail:
            status === 'active'
              ? 'This invitation has been accepted already; remove the MVP from the cohort instead.'
              : `There is no open invitation to revoke; this person is ${status}.`,
        });
      await endEnrolment(tx, { actor: options.actor, locked, action: 'enrolment.changed' });
    },
  });
}
