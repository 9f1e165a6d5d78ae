import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertProgramExistsForStaff } from '../lib/program-access.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { lockProgram } from '../lib/row-locks.ts';

/** Takes someone off the program (admins and the program's leads); 404 when they are not a member. */
export async function removeProgramMember(options: {
  prisma: PrismaClient;
  user: SessionUser;
  programId: string;
  userId: string;
}): Promise<void> {
  const { prisma, user, programId, userId } = options;
  await prisma.$transaction(async (tx) => {
    await assertProgramExistsForStaff(tx, user, programId, 'lead');
    await lockProgram(tx, programId);
    const removed = await tx.programMember.deleteMany({ where: { programId, userId } });
    if (!removed.count) throw new AppError('not_found', { detail: 'This person is not a member of the program.' });
    await recordAudit(tx, {
      actor: user,
      action: 'program.member_changed',
      programId,
      subjectType: 'user',
      subjectId: userId,
      before: { member: true },
      after: { member: false },
    });
  });
}
