import { AppError } from '../lib/app-error.ts';
import { assertCohortRoom } from './assert-cohort-room.ts';
import { type CohortAction, changeEnrolment, moveEnrolment } from './change-enrolment.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { issueInvitations } from './issue-invitations.ts';
import { assertNotShipped } from './lock-cohort.ts';

/** Lets an applicant in: they become invited and get the invitation e-mail with their link. */
export async function approveApplication(
  options: CohortAction & {
    publicUrl: string;
    smtpConfigured: boolean;
  },
): Promise<CohortMember> {
  return changeEnrolment(options, async (tx, locked) => {
    const { release, enrolment } = locked;
    assertNotShipped(release);
    if (enrolment.status !== 'applied')
      throw new AppError('conflict', {
        detail: `Only applications waiting for a decision can be approved; this one is ${enrolment.status}.`,
      });
    const account = await tx.user.findUnique({
      where: { email: enrolment.email },
      select: { id: true, role: true },
    });
    if (account && account.role !== 'mvp')
      throw new AppError('conflict', {
        detail: 'This e-mail belongs to a staff account; staff cannot join a cohort.',
      });
    await assertCohortRoom(tx, { release, adding: 1 });
    await moveEnrolment(tx, {
      actor: options.actor,
      locked,
      to: 'invited',
      data: { decidedAt: new Date(), userId: account?.id ?? null },
    });
    await issueInvitations(tx, {
      release,
      people: [{ enrolmentId: enrolment.id, email: enrolment.email, name: enrolment.name }],
      publicUrl: options.publicUrl,
      smtpConfigured: options.smtpConfigured,
    });
  });
}
