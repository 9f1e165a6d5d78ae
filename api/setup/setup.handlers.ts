import type { AppRouteHandler } from '../lib/app-context.ts';
import { startSession } from '../lib/session.ts';
import { createFirstAdmin } from './create-first-admin.ts';
import { readSetupStatus } from './read-setup-status.ts';
import type { createFirstAdminRoute, setupStatusRoute } from './setup.routes.ts';

export const setupStatusHandler: AppRouteHandler<typeof setupStatusRoute> = async (c) => {
  return c.json(await readSetupStatus({ prisma: c.var.deps.prisma }), 200);
};

export const createFirstAdminHandler: AppRouteHandler<typeof createFirstAdminRoute> = async (c) => {
  const body = c.req.valid('json');
  const user = await createFirstAdmin({ prisma: c.var.deps.prisma, ...body });
  await startSession(c, user.id);
  c.var.logger.info({ userId: user.id }, 'first admin created');
  return c.json(user, 201);
};
