import { AppError } from '../lib/app-error.ts';
import { type CohortAction, changeEnrolment, endEnrolment } from './change-enrolment.ts';
import type { CohortMember } from './enrolment.schemas.ts';

/** Withdraws an invitation that has not been accepted: its links stop working and the person is removed. */
export async function revokeInvitation(options: CohortAction): Promise<CohortMember> {
  return changeEnrolment(options, async (tx, locked) => {
    const { status } = locked.enrolment;
    if (status !== 'invited')
      throw new AppError('conflict', {
        detail:
          status === 'active'
            ? 'This invitation has been accepted already; remove the MVP from the cohort instead.'
            : `There is no open invitation to revoke; this person is ${status}.`,
      });
    await endEnrolment(tx, { actor: options.actor, locked, action: 'enrolment.changed' });
  });
}
