import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { ledProgramIds } from '../lib/program-access.ts';
import type { SessionUserView } from './auth.schemas.ts';

/** The signed-in user as the portal needs them: who they are and which programs they lead. */
export async function describeSessionUser(options: {
  prisma: PrismaClient;
  user: SessionUser;
}): Promise<SessionUserView> {
  const { prisma, user } = options;
  return { id: user.id, email: user.email, name: user.name, role: user.role, leads: await ledProgramIds(prisma, user) };
}
