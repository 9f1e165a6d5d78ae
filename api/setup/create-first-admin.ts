import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { redeemOneTimeLink } from '../lib/one-time-link.ts';
import { hashPassword } from '../lib/password.ts';

/** Spends the setup link and creates the first admin, in one transaction. */
export async function createFirstAdmin(options: {
  prisma: PrismaClient;
  token: string;
  name: string;
  email: string;
  password: string;
}): Promise<SessionUser> {
  const passwordHash = await hashPassword(options.password);
  return options.prisma.$transaction(async (tx) => {
    await redeemOneTimeLink(tx, options.token, 'first_admin');
    if ((await tx.user.count({ where: { role: 'admin' } })) > 0) {
      throw new AppError('link_invalid', { detail: 'An admin already exists. Sign in instead.' });
    }
    if (await tx.user.findUnique({ where: { email: options.email }, select: { id: true } })) {
      throw new AppError('conflict', { fields: [{ field: 'email', message: 'An account with this e-mail exists' }] });
    }
    return tx.user.create({
      data: { email: options.email, name: options.name, role: 'admin', passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
  });
}
