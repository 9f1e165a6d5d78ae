import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { PriorityLabel, Program, ProgramSettings } from './programs.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Every setting of a program (what `programSettingsSchema` checks), as stored. */
export const programSettingsSelect = {
  name: true,
  product: true,
  githubRepo: true,
  priorityLevels: true,
  priorityLabels: true,
  priorityThreshold: true,
  notActionableLabels: true,
  components: true,
  githubCommenters: true,
  suggestInternalReports: true,
  clearNeedsInfoOnAnswer: true,
  stillBrokenAction: true,
  verifiedLabel: true,
  stillBrokenLabel: true,
  rescueLabel: true,
  fixedInLabelPrefix: true,
  rescueThreshold: true,
  rescueWindowDays: true,
  verificationReminderDays: true,
  attachmentRetentionDays: true,
} as const satisfies Prisma.ProgramSelect & Record<keyof ProgramSettings, true>;

const programSelect = {
  id: true,
  ...programSettingsSelect,
  createdAt: true,
  updatedAt: true,
  terms: { orderBy: { version: 'desc' }, select: { version: true, textHash: true, createdAt: true } },
} as const satisfies Prisma.ProgramSelect;

/**
 * The program as the reader may see it: staff get the GitHub and label settings and every terms
 * version; MVPs only what they need to take part. Null when there is no such program.
 */
export async function readProgram(db: Db, id: string, view: 'staff' | 'mvp'): Promise<Program | null> {
  const row = await db.program.findUnique({ where: { id }, select: programSelect });
  const latest = row?.terms[0];
  if (!row || !latest) return null;
  const current = await db.programTerms.findUniqueOrThrow({
    where: { programId_version: { programId: id, version: latest.version } },
    select: { text: true },
  });
  const program: Program = {
    id: row.id,
    name: row.name,
    product: row.product,
    components: row.components,
    terms: { ...latest, text: current.text, createdAt: latest.createdAt.toISOString() },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (view === 'mvp') return program;
  return {
    ...program,
    githubRepo: row.githubRepo,
    priorityLevels: row.priorityLevels,
    // Written only through the validated settings schema.
    priorityLabels: row.priorityLabels as PriorityLabel[],
    priorityThreshold: row.priorityThreshold,
    notActionableLabels: row.notActionableLabels,
    githubCommenters: row.githubCommenters,
    suggestInternalReports: row.suggestInternalReports,
    clearNeedsInfoOnAnswer: row.clearNeedsInfoOnAnswer,
    stillBrokenAction: row.stillBrokenAction,
    verifiedLabel: row.verifiedLabel,
    stillBrokenLabel: row.stillBrokenLabel,
    rescueLabel: row.rescueLabel,
    fixedInLabelPrefix: row.fixedInLabelPrefix,
    rescueThreshold: row.rescueThreshold,
    rescueWindowDays: row.rescueWindowDays,
    verificationReminderDays: row.verificationReminderDays,
    attachmentRetentionDays: row.attachmentRetentionDays,
    termsVersions: row.terms.map((terms) => ({ ...terms, createdAt: terms.createdAt.toISOString() })),
  };
}
