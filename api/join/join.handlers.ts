import type { AppRouteHandler } from '../lib/app-context.ts';
import { applyToJoin } from './apply-to-join.ts';
import { inspectJoinLink } from './inspect-join-link.ts';
import type { applyToJoinRoute, inspectJoinLinkRoute } from './join.routes.ts';

export const inspectJoinLinkHandler: AppRouteHandler<typeof inspectJoinLinkRoute> = async (c) =>
  c.json(await inspectJoinLink({ prisma: c.var.deps.prisma, token: c.req.valid('json').token }), 200);

export const applyToJoinHandler: AppRouteHandler<typeof applyToJoinRoute> = async (c) => {
  const { prisma, mail } = c.var.deps;
  const received = await applyToJoin({ prisma, smtpConfigured: mail.smtpConfigured, ...c.req.valid('json') });
  mail.wake();
  c.var.logger.info('application received through a join link');
  return c.json(received, 201);
};
