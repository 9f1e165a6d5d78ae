import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { currentTerms, visibleProgramIds } from '../lib/release-access.ts';

/**
 * Records that the MVP accepted the program's current terms, with the wording's hash and their
 * address. Accepting the same version again changes nothing.
 */
export async function acceptProgramTerms(options: {
  prisma: PrismaClient;
  user: SessionUser;
  programId: string;
  version: number;
  ip: string;
}): Promise<{ programId: string; version: number; acceptedAt: string }> {
  const { prisma, user, programId } = options;
  if (!(await visibleProgramIds(prisma, user))?.includes(programId))
    throw new AppError('not_found', { detail: 'No such program.' });
  const terms = await currentTerms(prisma, programId);
  if (!terms || terms.version !== options.version)
    throw new AppError('conflict', {
      detail: terms
        ? `These terms have changed: version ${terms.version} is the current one. Read it before accepting.`
        : 'This program has no terms to accept.',
      fields: [{ field: 'version', message: terms ? `The current version is ${terms.version}` : 'There are no terms' }],
    });
  await prisma.termsAcceptance.createMany({
    data: [
      {
        userId: user.id,
        programId,
        termsId: terms.id,
        version: terms.version,
        textHash: terms.textHash,
        ip: options.ip,
      },
    ],
    skipDuplicates: true,
  });
  const acceptance = await prisma.termsAcceptance.findUniqueOrThrow({
    where: { userId_termsId: { userId: user.id, termsId: terms.id } },
    select: { version: true, acceptedAt: true },
  });
  return { programId, version: acceptance.version, acceptedAt: acceptance.acceptedAt.toISOString() };
}
