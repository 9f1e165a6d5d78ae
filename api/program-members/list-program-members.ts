import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertProgramExistsForStaff } from '../lib/program-access.ts';
import { memberSelect, toProgramMember } from './member-view.ts';
import { memberRoles, type ProgramMembers } from './program-members.schemas.ts';

/**
 * The program's members, leads first; for an admin or the program's lead also the enabled engineers
 * and internal testers who could be added, so that a lead needs no access to the staff accounts.
 */
export async function listProgramMembers(options: {
  prisma: PrismaClient;
  user: SessionUser;
  programId: string;
}): Promise<ProgramMembers> {
  const { prisma, user, programId } = options;
  await assertProgramExistsForStaff(prisma, user, programId);
  const rows = await prisma.programMember.findMany({
    where: { programId },
    orderBy: [{ lead: 'desc' }, { user: { name: 'asc' } }, { userId: 'asc' }],
    select: memberSelect,
  });
  const canManage = user.role === 'admin' || rows.some((row) => row.user.id === user.id && row.lead);
  const candidates = canManage
    ? await prisma.user.findMany({
        where: {
          role: { in: [...memberRoles] },
          disabledAt: null,
          erasedAt: null,
          programMemberships: { none: { programId } },
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        select: { id: true, name: true, email: true, role: true },
      })
    : [];
  return {
    items: rows.map(toProgramMember),
    canManage,
    candidates: candidates.map((candidate) => ({
      ...candidate,
      role: candidate.role as ProgramMembers['candidates'][number]['role'],
    })),
  };
}
