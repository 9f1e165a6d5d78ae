import { AppError } from '../lib/app-error.ts';
import { queueMessage } from '../lib/queue-message.ts';
import { type CohortAction, changeEnrolment, moveEnrolment } from './change-enrolment.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { applicationDeclinedMessage } from './enrolment-messages.ts';

/** Turns an application down, and tells the applicant kindly. */
export async function declineApplication(
  options: CohortAction & {
    smtpConfigured: boolean;
  },
): Promise<CohortMember> {
  return changeEnrolment(options, async (tx, locked) => {
    const { release, enrolment } = locked;
    if (enrolment.status !== 'applied')
      throw new AppError('conflict', {
        detail: `Only applications waiting for a decision can be declined; this one is ${enrolment.status}.`,
      });
    await moveEnrolment(tx, { actor: options.actor, locked, to: 'declined', data: { decidedAt: new Date() } });
    await queueMessage(tx, {
      smtpConfigured: options.smtpConfigured,
      message: applicationDeclinedMessage({ to: enrolment.email, name: enrolment.name, release }),
    });
  });
}
