import { AppError } from '../lib/app-error.ts';
import { type CohortAction, changeEnrolment, endEnrolment } from './change-enrolment.ts';
import type { CohortMember } from './enrolment.schemas.ts';

/**
 * Takes someone out of the cohort. Their access to the release ends with this transaction (access
 * follows the enrolment status, see lib/release-access.ts); what they filed stays.
 */
export async function removeFromCohort(options: CohortAction): Promise<CohortMember> {
  return changeEnrolment(options, async (tx, locked) => {
    const { status } = locked.enrolment;
    if (status !== 'invited' && status !== 'active')
      throw new AppError('conflict', {
        detail: `Only invited or active MVPs can be removed; this one is ${status}.`,
      });
    await endEnrolment(tx, { actor: options.actor, locked, action: 'mvp.removed' });
  });
}
