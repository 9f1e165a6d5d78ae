import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { validationError } from '../lib/problem.ts';
import { changedFields, recordAudit } from '../lib/record-audit.ts';
import { lockProgram } from '../lib/row-locks.ts';
import { assertProgramNameFree } from './assert-program-name-free.ts';
import { programSettingsSelect, readProgram } from './program-view.ts';
import { type Program, type ProgramSettings, programSettingsSchema } from './programs.schemas.ts';

/** Changes some settings; the result must still hold together (e.g. the threshold stays among the levels). */
export async function updateProgram(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  id: string;
  changes: Partial<ProgramSettings>;
}): Promise<Program> {
  const { prisma, id, changes } = options;
  return prisma.$transaction(async (tx) => {
    // Locked, so that two edits of different fields cannot each pass the checks against the old row.
    await lockProgram(tx, id);
    if (changes.name !== undefined) await assertProgramNameFree(tx, changes.name, id);
    const stored = await tx.program.findUniqueOrThrow({
      where: { id },
      select: programSettingsSelect,
    });
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const merged = programSettingsSchema.safeParse({ ...stored, ...given });
    if (!merged.success) throw validationError(merged.error, 'body');
    await tx.program.update({ where: { id }, data: changes, select: { id: true } });
    // Only what changed: a save that changes nothing leaves no entry.
    const changed = changedFields<Record<string, unknown>>(stored, given);
    if (changed) {
      await recordAudit(tx, {
        actor: options.actor,
        action: 'program.settings_changed',
        programId: id,
        subjectType: 'program',
        subjectId: id,
        before: changed.before as Prisma.InputJsonObject,
        after: changed.after as Prisma.InputJsonObject,
      });
    }
    return (await readProgram(tx, id, 'staff'))!;
  });
}
