import type { AppRouteHandler } from '../lib/app-context.ts';
import { assertProgramAccess, assertReportProgramAccess } from '../lib/program-access.ts';
import { listRescue } from './list-rescue.ts';
import { readRescueStats } from './read-rescue-stats.ts';
import { requestRescue } from './request-rescue.ts';
import type { listRescueRoute, readRescueStatsRoute, requestRescueRoute } from './rescue.routes.ts';

export const listRescueHandler: AppRouteHandler<typeof listRescueRoute> = async (c) => {
  const programId = c.req.valid('param').id;
  await assertProgramAccess(c.var.deps.prisma, c.var.user, programId);
  return c.json(await listRescue({ prisma: c.var.deps.prisma, programId }), 200);
};

export const requestRescueHandler: AppRouteHandler<typeof requestRescueRoute> = async (c) => {
  await assertReportProgramAccess(c.var.deps.prisma, c.var.user, c.req.valid('param').id, 'lead');
  const rescue = await requestRescue({
    prisma: c.var.deps.prisma,
    user: c.var.user,
    reportId: c.req.valid('param').id,
  });
  c.var.logger.info(
    { rescueId: rescue.id, reportId: rescue.canonicalId, customers: rescue.evidence.customers },
    'cluster sent back to engineering',
  );
  c.var.deps.sync.wake();
  return c.json(rescue, 201);
};

export const readRescueStatsHandler: AppRouteHandler<typeof readRescueStatsRoute> = async (c) => {
  const programId = c.req.valid('param').id;
  await assertProgramAccess(c.var.deps.prisma, c.var.user, programId);
  return c.json(await readRescueStats({ prisma: c.var.deps.prisma, programId }), 200);
};
