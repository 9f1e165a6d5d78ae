import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { hashPassword, verifyPassword } from '../lib/password.ts';

/** Changes the password and ends every other session of the user; the current one stays. */
export async function changePassword(options: {
  prisma: PrismaClient;
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const { prisma, userId } = options;
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError('validation', {
      detail: 'The current password is not right.',
      fields: [{ field: 'currentPassword', message: 'This is not your current password' }],
    });
  }
  const passwordHash = await hashPassword(options.newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
    prisma.session.deleteMany({ where: { userId, id: { not: options.sessionId } } }),
  ]);
}
