import type { PrismaClient } from '../generated/prisma/client.ts';

/** Ends one session, or every session of the user when `everywhere` is set. */
export async function signOut(options: {
  prisma: PrismaClient;
  sessionId: string;
  userId: string;
  everywhere: boolean;
}): Promise<{ ended: number }> {
  const where = options.everywhere ? { userId: options.userId } : { id: options.sessionId };
  const { count } = await options.prisma.session.deleteMany({ where });
  return { ended: count };
}
