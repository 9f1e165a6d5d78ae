import type { AppRouteHandler } from '../lib/app-context.ts';
import { listProgramMembers } from './list-program-members.ts';
import type {
  listProgramMembersRoute,
  removeProgramMemberRoute,
  setProgramMemberRoute,
} from './program-members.routes.ts';
import { removeProgramMember } from './remove-program-member.ts';
import { setProgramMember } from './set-program-member.ts';

export const listProgramMembersHandler: AppRouteHandler<typeof listProgramMembersRoute> = async (c) =>
  c.json(
    await listProgramMembers({ prisma: c.var.deps.prisma, user: c.var.user, programId: c.req.valid('param').id }),
    200,
  );

export const setProgramMemberHandler: AppRouteHandler<typeof setProgramMemberRoute> = async (c) => {
  const { id, userId } = c.req.valid('param');
  const { lead } = c.req.valid('json');
  const member = await setProgramMember({ prisma: c.var.deps.prisma, user: c.var.user, programId: id, userId, lead });
  c.var.logger.info({ programId: id, userId, lead, by: c.var.user.id }, 'program member set');
  return c.json(member, 200);
};

export const removeProgramMemberHandler: AppRouteHandler<typeof removeProgramMemberRoute> = async (c) => {
  const { id, userId } = c.req.valid('param');
  await removeProgramMember({ prisma: c.var.deps.prisma, user: c.var.user, programId: id, userId });
  c.var.logger.info({ programId: id, userId, by: c.var.user.id }, 'program member removed');
  return c.body(null, 204);
};
