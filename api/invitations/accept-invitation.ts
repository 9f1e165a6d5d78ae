import { signIn } from '../auth/sign-in.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { hashPassword } from '../lib/password.ts';
import { validationError } from '../lib/problem.ts';
import { lockRelease } from '../lib/row-locks.ts';
import { ensureMvpProfile } from '../mvp/ensure-mvp-profile.ts';
import { findUsableInvitation } from './find-usable-invitation.ts';
import { newMvpAccountSchema } from './invitations.schemas.ts';

const staffConflict = () =>
  new AppError('conflict', {
    detail:
      'This e-mail belongs to a staff account, which cannot join a cohort. Ask the program lead for an invitation to another address.',
  });

/**
 * Accepts an invitation: creates the MVP account (or, for an existing one, checks its password
 * unless its owner is signed in), spends the link exactly once and makes the enrolment active.
 */
export async function acceptInvitation(options: {
  prisma: PrismaClient;
  token: string;
  name?: string | undefined;
  password?: string | undefined;
  signedInUserId: string | null;
  ip: string;
}): Promise<SessionUser> {
  const { prisma, token } = options;
  const invitation = await findUsableInvitation(prisma, token);
  const { enrolment } = invitation;
  const account = await prisma.user.findUnique({ where: { email: enrolment.email }, select: { id: true, role: true } });

  let newAccount: { name: string; passwordHash: string } | null = null;
  if (account) {
    if (account.role !== 'mvp') throw staffConflict();
    if (account.id !== options.signedInUserId) {
      if (!options.password)
        throw new AppError('validation', {
          detail: 'You have a Fieldtest account: enter its password, or sign in first.',
          fields: [{ field: 'password', message: 'Enter the password of your Fieldtest account' }],
        });
      // Throttled like any sign-in, so this cannot be used to guess passwords.
      await signIn({ prisma, email: enrolment.email, password: options.password, ip: options.ip });
    }
  } else {
    const parsed = newMvpAccountSchema.safeParse({ name: options.name, password: options.password });
    if (!parsed.success) throw validationError(parsed.error, 'body');
    newAccount = { name: parsed.data.name, passwordHash: await hashPassword(parsed.data.password) };
  }

  try {
    return await prisma.$transaction(async (tx) => {
      // Shipping locks the release row more strongly, so it cannot slip in between here and commit.
      await lockRelease(tx, enrolment.releaseId, 'share');
      const now = new Date();
      const spent = await tx.invitation.updateMany({
        where: {
          id: invitation.id,
          usedAt: null,
          revokedAt: null,
          expiresAt: { gt: now },
          enrolment: { status: 'invited', release: { status: { not: 'shipped' } } },
        },
        data: { usedAt: now },
      });
      if (spent.count !== 1) {
        // Another request won the race, or the link was voided meanwhile: say which.
        await findUsableInvitation(tx, token);
        throw new AppError('link_invalid');
      }
      const select = { id: true, email: true, name: true, role: true } as const;
      const user = newAccount
        ? await tx.user.create({ data: { email: enrolment.email, role: 'mvp', ...newAccount }, select })
        : await tx.user.findUniqueOrThrow({ where: { email: enrolment.email }, select });
      if (user.role !== 'mvp') throw staffConflict();
      await ensureMvpProfile(tx, { userId: user.id, company: enrolment.company });
      await tx.enrolment.update({
        where: { id: enrolment.id },
        data: { status: 'active', activatedAt: now, userId: user.id },
        select: { id: true },
      });
      return user;
    });
  } catch (error) {
    // Two invitations (to different releases) for one new address, accepted at the same moment.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new AppError('conflict', {
        detail: 'An account with this e-mail was created a moment ago. Sign in, then open the invitation again.',
      });
    throw error;
  }
}
