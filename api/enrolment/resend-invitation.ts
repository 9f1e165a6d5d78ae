import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { readCohortMember } from './cohort-member-view.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { issueInvitations } from './issue-invitations.ts';
import { assertNotShipped, lockEnrolment } from './lock-cohort.ts';

/** Sends an invited MVP a fresh link; the links sent before stop working. */
export async function resendInvitation(options: {
  prisma: PrismaClient;
  publicUrl: string;
  smtpConfigured: boolean;
  id: string;
}): Promise<CohortMember> {
  return options.prisma.$transaction(async (tx) => {
    const { release, enrolment } = await lockEnrolment(tx, options.id);
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
    return readCohortMember(tx, { programId: release.programId, id: enrolment.id });
  });
}
