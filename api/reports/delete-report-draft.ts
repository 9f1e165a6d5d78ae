import type { PrismaClient } from '../generated/prisma/client.ts';

/** Throws the user's draft away; no draft is no error. */
export async function deleteReportDraft(options: { prisma: PrismaClient; userId: string }): Promise<void> {
  await options.prisma.reportDraft.deleteMany({ where: { userId: options.userId } });
}
