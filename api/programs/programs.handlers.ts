import {
  repositorySettings,
  scheduleRepositoryCheck,
} from '../github-sync/repository-check/schedule-repository-check.ts';
import type { AppRouteHandler } from '../lib/app-context.ts';
import { assertProgramAccess } from '../lib/program-access.ts';
import { createProgram } from './create-program.ts';
import { getProgram } from './get-program.ts';
import { listPrograms } from './list-programs.ts';
import type {
  createProgramRoute,
  getProgramRoute,
  listProgramsRoute,
  publishProgramTermsRoute,
  updateProgramRoute,
} from './programs.routes.ts';
import { publishProgramTerms } from './publish-program-terms.ts';
import { updateProgram } from './update-program.ts';

export const listProgramsHandler: AppRouteHandler<typeof listProgramsRoute> = async (c) =>
  c.json({ items: await listPrograms({ prisma: c.var.deps.prisma, user: c.var.user }) }, 200);

export const createProgramHandler: AppRouteHandler<typeof createProgramRoute> = async (c) => {
  const program = await createProgram({ prisma: c.var.deps.prisma, actor: c.var.user, ...c.req.valid('json') });
  c.var.logger.info({ programId: program.id, by: c.var.user.id }, 'program created');
  scheduleRepositoryCheck(c.var.deps, c.var.logger, program.id);
  return c.json(program, 201);
};

export const getProgramHandler: AppRouteHandler<typeof getProgramRoute> = async (c) =>
  c.json(await getProgram({ prisma: c.var.deps.prisma, user: c.var.user, id: c.req.valid('param').id }), 200);

export const updateProgramHandler: AppRouteHandler<typeof updateProgramRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const changes = c.req.valid('json');
  await assertProgramAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const program = await updateProgram({ prisma: c.var.deps.prisma, actor: c.var.user, id, changes });
  c.var.logger.info({ programId: id, by: c.var.user.id, fields: Object.keys(changes) }, 'program updated');
  if (repositorySettings.some((field) => changes[field] !== undefined))
    scheduleRepositoryCheck(c.var.deps, c.var.logger, id);
  return c.json(program, 200);
};

export const publishProgramTermsHandler: AppRouteHandler<typeof publishProgramTermsRoute> = async (c) => {
  const { id } = c.req.valid('param');
  await assertProgramAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const terms = await publishProgramTerms({
    prisma: c.var.deps.prisma,
    actor: c.var.user,
    programId: id,
    text: c.req.valid('json').text,
  });
  c.var.logger.info({ programId: id, by: c.var.user.id, version: terms.version }, 'program terms published');
  return c.json(terms, 201);
};
