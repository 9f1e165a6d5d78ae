import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { lockProgram } from '../lib/row-locks.ts';
import { hashTermsText } from './hash-terms-text.ts';
import type { ProgramTerms } from './programs.schemas.ts';

/**
 * Publishes a new version of the program's terms. MVPs must accept it before they go on, so
 * republishing the current wording is refused rather than asking everyone again for nothing.
 */
export async function publishProgramTerms(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  programId: string;
  text: string;
}): Promise<ProgramTerms> {
  const { prisma, programId, text } = options;
  const textHash = hashTermsText(text);
  return prisma.$transaction(async (tx) => {
    // Locked, so that two leads publishing at once get consecutive versions.
    await lockProgram(tx, programId);
    const current = await tx.programTerms.findFirst({
      where: { programId },
      orderBy: { version: 'desc' },
      select: { version: true, textHash: true },
    });
    if (current?.textHash === textHash)
      throw new AppError('conflict', {
        fields: [{ field: 'text', message: `This is the wording of version ${current.version} already` }],
      });
    const created = await tx.programTerms.create({
      data: { programId, version: (current?.version ?? 0) + 1, text, textHash },
      select: { version: true, text: true, textHash: true, createdAt: true },
    });
    await recordAudit(tx, {
      actor: options.actor,
      action: 'terms.published',
      programId,
      subjectType: 'terms',
      subjectId: String(created.version),
      before: current ? { version: current.version, textHash: current.textHash } : null,
      after: { version: created.version, textHash },
    });
    return { ...created, createdAt: created.createdAt.toISOString() };
  });
}
