import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { hashToken } from '../lib/tokens.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const invitationSelect = {
  id: true,
  expiresAt: true,
  usedAt: true,
  revokedAt: true,
  enrolment: {
    select: {
      id: true,
      releaseId: true,
      email: true,
      name: true,
      company: true,
      status: true,
      release: { select: { status: true, version: true, program: { select: { name: true, product: true } } } },
    },
  },
} as const satisfies Prisma.InvitationSelect;

export type UsableInvitation = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;

/** The invitation behind a link; 410 with the reason when it cannot be accepted (any more). */
export async function findUsableInvitation(db: Db, token: string): Promise<UsableInvitation> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: invitationSelect,
  });
  const reason = whyUnusable(invitation);
  if (reason || !invitation) throw new AppError('link_invalid', { detail: reason });
  return invitation;
}

function whyUnusable(invitation: UsableInvitation | null): string | undefined {
  if (!invitation) return 'This invitation link is not valid. Ask the program lead for a new one.';
  if (invitation.enrolment.release.status === 'shipped')
    return 'This release has shipped, so its invitations are closed.';
  if (invitation.usedAt) return 'This invitation has been accepted already. Sign in instead.';
  if (invitation.revokedAt || invitation.enrolment.status !== 'invited')
    return 'This invitation was withdrawn or replaced by a newer one. Ask the program lead for a new one.';
  if (invitation.expiresAt <= new Date()) return 'This invitation has expired. Ask the program lead for a new one.';
  return undefined;
}
