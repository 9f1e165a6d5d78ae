import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { verifyPassword } from '../lib/password.ts';
import { returnSignInTokens, takeSignInTokens } from '../lib/sign-in-throttle.ts';

/** Checks an e-mail and password, throttled per account and per address. */
export async function signIn(options: {
  prisma: PrismaClient;
  email: string;
  password: string;
  ip: string;
}): Promise<SessionUser> {
  const { prisma, email, password, ip } = options;
  const tokens = await takeSignInTokens(prisma, email, ip);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || user.disabledAt) throw new AppError('invalid_credentials');
  await returnSignInTokens(prisma, tokens);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
