import type { PrismaClient } from '../generated/prisma/client.ts';

export async function readSetupStatus(options: { prisma: PrismaClient }): Promise<{ needsSetup: boolean }> {
  const admins = await options.prisma.user.count({ where: { role: 'admin' } });
  return { needsSetup: admins === 0 };
}
