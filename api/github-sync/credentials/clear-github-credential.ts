import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { SessionUser } from '../../lib/app-context.ts';
import { recordCredentialChange } from './record-credential-change.ts';

/** Forgets the program's own credential: it syncs with the server's again. */
export async function clearGithubCredential(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  programId: string;
}): Promise<void> {
  const { programId } = options;
  await options.prisma.$transaction(async (tx) => {
    const stored = await tx.programGithubCredential.findUnique({ where: { programId }, select: { hint: true } });
    // deleteMany: a clear that raced another finds nothing to remove, and records nothing.
    const removed = await tx.programGithubCredential.deleteMany({ where: { programId } });
    if (!stored || removed.count === 0) return;
    await recordCredentialChange(tx, { actor: options.actor, programId, before: stored.hint, after: null });
  });
}
