import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { verifyPassword } from '../lib/password.ts';
import { returnSignInTokens, takeSignInTokens } from '../lib/sign-in-throttle.ts';
import type { ErasedAccount } from './data-rights.schemas.ts';
import { eraseAccount } from './erase-account.ts';

/**
 * A customer erases their own account, confirming with their password: a session alone (a
 * borrowed laptop) must not be enough to destroy an account. The password is checked under the
 * sign-in throttle, as changing it is.
 */
export async function eraseMyAccount(options: {
  prisma: PrismaClient;
  dir: string;
  userId: string;
  password: string;
  ip: string;
}): Promise<ErasedAccount> {
  const { prisma, userId } = options;
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  const tokens = await takeSignInTokens(prisma, user.email, options.ip);
  if (!(await verifyPassword(user.passwordHash, options.password))) {
    throw new AppError('validation', {
      detail: 'The password is not right, so nothing was erased.',
      fields: [{ field: 'password', message: 'This is not your password' }],
    });
  }
  await returnSignInTokens(prisma, tokens);
  return eraseAccount({ prisma, dir: options.dir, userId, actor: null });
}
