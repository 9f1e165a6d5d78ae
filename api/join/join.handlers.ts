import type { AppRouteHandler } from '../lib/app-context.ts';
import { applyToJoin } from './apply-to-join.ts';
import { confirmJoinApplication } from './confirm-join-application.ts';
import { inspectJoinConfirmation } from './inspect-join-confirmation.ts';
import { inspectJoinLink } from './inspect-join-link.ts';
import type {
  applyToJoinRoute,
  confirmJoinApplicationRoute,
  inspectJoinConfirmationRoute,
  inspectJoinLinkRoute,
} from './join.routes.ts';

export const inspectJoinLinkHandler: AppRouteHandler<typeof inspectJoinLinkRoute> = async (c) =>
  c.json(await inspectJoinLink({ prisma: c.var.deps.prisma, token: c.req.valid('json').token }), 200);

export const applyToJoinHandler: AppRouteHandler<typeof applyToJoinRoute> = async (c) => {
  const { prisma, mail, env } = c.var.deps;
  const { email, mailed } = await applyToJoin({
    prisma,
    smtpConfigured: mail.smtpConfigured,
    publicUrl: env.publicUrl,
    ip: c.var.clientIp,
    body: c.req.valid('json'),
  });
  if (mailed) {
    mail.wake();
    c.var.logger.info('join application waiting for its address to be confirmed');
  } else c.var.logger.info('join application not mailed: its address had its fill of confirmation requests');
  return c.json({ email, status: 'awaiting_confirmation' as const }, 202);
};

export const inspectJoinConfirmationHandler: AppRouteHandler<typeof inspectJoinConfirmationRoute> = async (c) =>
  c.json(await inspectJoinConfirmation({ prisma: c.var.deps.prisma, token: c.req.valid('json').token }), 200);

export const confirmJoinApplicationHandler: AppRouteHandler<typeof confirmJoinApplicationRoute> = async (c) => {
  const { prisma, mail } = c.var.deps;
  const received = await confirmJoinApplication({
    prisma,
    smtpConfigured: mail.smtpConfigured,
    token: c.req.valid('json').token,
  });
  mail.wake();
  c.var.logger.info('application received through a join link');
  return c.json(received, 201);
};
