import type { AppRouteHandler } from '../lib/app-context.ts';
import { listOutbox } from './list-outbox.ts';
import type { listOutboxRoute } from './outbox.routes.ts';

export const listOutboxHandler: AppRouteHandler<typeof listOutboxRoute> = async (c) => {
  const { prisma, mail } = c.var.deps;
  const page = await listOutbox({ prisma, ...c.req.valid('query') });
  return c.json({ ...page, smtpConfigured: mail.smtpConfigured }, 200);
};
