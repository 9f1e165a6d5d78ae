import type { PrismaClient } from '../generated/prisma/client.ts';
import { findUsableInvitation } from './find-usable-invitation.ts';
import type { InvitationInfo } from './invitations.schemas.ts';

/** Tells the portal what an invitation is for, and whether to ask for a new account or an existing password. */
export async function inspectInvitation(options: { prisma: PrismaClient; token: string }): Promise<InvitationInfo> {
  const { enrolment, expiresAt } = await findUsableInvitation(options.prisma, options.token);
  const account = await options.prisma.user.findUnique({ where: { email: enrolment.email }, select: { id: true } });
  return {
    programName: enrolment.release.program.name,
    product: enrolment.release.program.product,
    releaseVersion: enrolment.release.version,
    email: enrolment.email,
    name: enrolment.name,
    accountExists: account !== null,
    expiresAt: expiresAt.toISOString(),
  };
}
