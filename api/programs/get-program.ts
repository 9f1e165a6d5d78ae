import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertProgramVisible } from '../lib/release-access.ts';
import { readProgram } from './program-view.ts';
import type { Program } from './programs.schemas.ts';

export async function getProgram(options: { prisma: PrismaClient; user: SessionUser; id: string }): Promise<Program> {
  const { prisma, user, id } = options;
  await assertProgramVisible(prisma, user, id);
  const program = await readProgram(prisma, id, user.role === 'mvp' ? 'mvp' : 'staff');
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  return program;
}
