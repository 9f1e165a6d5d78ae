import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { redeemOneTimeLink } from '../lib/one-time-link.ts';
import { hashPassword } from '../lib/password.ts';

/** A new staff member (or one whose admin sent a reset link) chooses a password. */
export async function setPasswordFromLink(options: {
  prisma: PrismaClient;
  token: string;
  password: string;
}): Promise<SessionUser> {
  const passwordHash = await hashPassword(options.password);
  return options.prisma.$transaction(async (tx) => {
    const { userId } = await redeemOneTimeLink(tx, options.token, 'set_password');
    if (!userId) throw new AppError('link_invalid');
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash },
      select: { id: true, email: true, name: true, role: true, disabledAt: true },
    });
    if (user.disabledAt) throw new AppError('link_invalid', { detail: 'This account has been disabled.' });
    // A new password ends whatever sessions an old one had opened.
    await tx.session.deleteMany({ where: { userId } });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  });
}
