import type { PrismaClient, TokenPurpose } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { redeemOneTimeLink } from '../lib/one-time-link.ts';
import { hashPassword } from '../lib/password.ts';

/** The links that choose an account's password: a new staff member's, and a reset asked for by e-mail. */
export const passwordLinkPurposes = ['set_password', 'password_reset'] as const satisfies readonly TokenPurpose[];

/**
 * Someone holding a password link (a new staff member, one whose admin sent a new link, or anyone who
 * asked for a reset by e-mail) chooses a password.
 */
export async function setPasswordFromLink(options: {
  prisma: PrismaClient;
  token: string;
  password: string;
}): Promise<SessionUser> {
  const passwordHash = await hashPassword(options.password);
  return options.prisma.$transaction(async (tx) => {
    const { userId } = await redeemOneTimeLink(tx, options.token, passwordLinkPurposes);
    if (!userId) throw new AppError('link_invalid');
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash },
      select: { id: true, email: true, name: true, role: true, disabledAt: true },
    });
    if (user.disabledAt) throw new AppError('link_invalid', { detail: 'This account has been disabled.' });
    // A new password ends whatever sessions an old one had opened, and the account's other unused
    // password links: one found later in a mailbox must not choose the password again.
    await tx.session.deleteMany({ where: { userId } });
    await tx.accountToken.deleteMany({ where: { userId, purpose: { in: [...passwordLinkPurposes] }, usedAt: null } });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  });
}
