import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { assertProgramNameFree } from './assert-program-name-free.ts';
import { hashTermsText } from './hash-terms-text.ts';
import { readProgram } from './program-view.ts';
import type { AfterFilingSettings, Program, ProgramSettings } from './programs.schemas.ts';

/**
 * Creates a program with its settings (defaults already applied; what happens after filing takes the
 * database's defaults when not given) and version 1 of its terms.
 */
export async function createProgram(
  options: { prisma: PrismaClient; actor: Pick<SessionUser, 'id' | 'name'>; termsText: string } & Omit<
    ProgramSettings,
    keyof AfterFilingSettings
  > &
    Partial<AfterFilingSettings>,
): Promise<Program> {
  const { prisma, actor, termsText, ...settings } = options;
  return prisma.$transaction(async (tx) => {
    await assertProgramNameFree(tx, settings.name);
    const { id } = await tx.program.create({
      data: { ...settings, terms: { create: { version: 1, text: termsText, textHash: hashTermsText(termsText) } } },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: 'program.created',
      programId: id,
      subjectType: 'program',
      subjectId: id,
      after: settings as Prisma.InputJsonObject,
    });
    return (await readProgram(tx, id, 'staff'))!;
  });
}
