import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { hashPassword, verifyPassword } from '../lib/password.ts';
import { returnSignInTokens, takeSignInTokens } from '../lib/sign-in-throttle.ts';

/**
 * Changes the password and ends every other session of the user; the current one stays. The current
 * password is checked under the sign-in throttle: whoever holds a session (a borrowed laptop, a
 * stolen cookie) must not get more guesses at it than signing in would give.
 */
export async function changePassword(options: {
  prisma: PrismaClient;
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip: string;
}): Promise<void> {
  const { prisma, userId } = options;
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  const tokens = await takeSignInTokens(prisma, user.email, options.ip);
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError('validation', {
      detail: 'The current password is not right.',
      fields: [{ field: 'currentPassword', message: 'This is not your current password' }],
    });
  }
  await returnSignInTokens(prisma, tokens);
  const passwordHash = await hashPassword(options.newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
    prisma.session.deleteMany({ where: { userId, id: { not: options.sessionId } } }),
  ]);
}
