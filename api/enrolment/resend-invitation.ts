import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { changeEnrolment } from './change-enrolment.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { issueInvitations } from './issue-invitations.ts';
import { assertNotShipped } from './lock-cohort.ts';

/** Sends an invited MVP a fresh link; the links sent before stop working. */
export async function resendInvitation(options: {
  prisma: PrismaClient;
  publicUrl: string;
  smtpConfigured: boolean;
  id: string;
}): Promise<CohortMember> {
  return changeEnrolment(options, async (tx, { release, enrolment }) => {
    assertNotShipped(release);
    if (enrolment.status !== 'invited')
      throw new AppError('conflict', {
        detail: `Only invited people can be sent a new invitation; this one is ${enrolment.status}.`,
      });
    await issueInvitations(tx, {
      release,
      people: [{ enrolmentId: enrolment.id, email: enrolment.email, name: enrolment.name }],
      publicUrl: options.publicUrl,
      smtpConfigured: options.smtpConfigured,
    });
  });
}
