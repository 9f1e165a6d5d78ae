import type { PrismaClient } from '../generated/prisma/client.ts';

/** Forgets the program's own credential: it syncs with the server's again. */
export async function clearGithubCredential(options: { prisma: PrismaClient; programId: string }): Promise<void> {
  await options.prisma.programGithubCredential.deleteMany({ where: { programId: options.programId } });
}
