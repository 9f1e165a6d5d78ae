import type { AppRouteHandler } from '../../lib/app-context.ts';
import { AppError } from '../../lib/app-error.ts';
import { assertProgramAccess } from '../../lib/program-access.ts';
import { checkProgramRepository, readRepositoryCheck } from './check-program-repository.ts';
import type { readRepositoryCheckRoute, runRepositoryCheckRoute } from './repository-check.routes.ts';

export const readRepositoryCheckHandler: AppRouteHandler<typeof readRepositoryCheckRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { prisma } = c.var.deps;
  await assertProgramAccess(prisma, c.var.user, id);
  const program = await prisma.program.findUnique({ where: { id }, select: { githubRepo: true } });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  return c.json(await readRepositoryCheck(prisma, id, program.githubRepo), 200);
};

export const runRepositoryCheckHandler: AppRouteHandler<typeof runRepositoryCheckRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { prisma, env, sync } = c.var.deps;
  await assertProgramAccess(prisma, c.var.user, id, 'lead');
  const check = await checkProgramRepository({
    prisma,
    github: await sync.access.forProgram(id),
    pacing: env.github.pacing,
    programId: id,
  });
  c.var.logger.info(
    { programId: id, connected: check.connected, labelsCreated: check.labelsCreated },
    'repository checked',
  );
  return c.json(check, 200);
};
