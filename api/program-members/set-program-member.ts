import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertProgramExistsForStaff } from '../lib/program-access.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { lockProgram } from '../lib/row-locks.ts';
import { memberSelect, toProgramMember } from './member-view.ts';
import { memberRoles, type ProgramMember } from './program-members.schemas.ts';

/**
 * Makes an engineer or internal tester a member of the program, or changes whether they lead it
 * (admins and the program's leads). Admins are not members: they work on every program.
 */
export async function setProgramMember(options: {
  prisma: PrismaClient;
  user: SessionUser;
  programId: string;
  userId: string;
  lead: boolean;
}): Promise<ProgramMember> {
  const { prisma, user, programId, userId, lead } = options;
  return prisma.$transaction(async (tx) => {
    await assertProgramExistsForStaff(tx, user, programId, 'lead');
    await lockProgram(tx, programId);
    const person = await tx.user.findUnique({ where: { id: userId }, select: { role: true, erasedAt: true } });
    if (!person || person.erasedAt || person.role === 'mvp') {
      throw new AppError('not_found', { detail: 'No such staff member.' });
    }
    if (!(memberRoles as readonly string[]).includes(person.role)) {
      throw new AppError('validation', {
        fields: [
          { field: 'userId', message: 'Admins work on every program; only engineers and internal testers are members' },
        ],
      });
    }
    const before = await tx.programMember.findUnique({
      where: { programId_userId: { programId, userId } },
      select: { lead: true },
    });
    const row = await tx.programMember.upsert({
      where: { programId_userId: { programId, userId } },
      create: { programId, userId, lead },
      update: { lead },
      select: memberSelect,
    });
    if (before?.lead !== lead) {
      await recordAudit(tx, {
        actor: user,
        action: 'program.member_changed',
        programId,
        subjectType: 'user',
        subjectId: userId,
        before: before ? { member: true, lead: before.lead } : { member: false },
        after: { member: true, lead },
      });
    }
    return toProgramMember(row);
  });
}
