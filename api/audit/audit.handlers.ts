import type { AppRouteHandler } from '../lib/app-context.ts';
import type { listAuditEntriesRoute } from './audit.routes.ts';
import { listAuditEntries } from './list-audit-entries.ts';

export const listAuditEntriesHandler: AppRouteHandler<typeof listAuditEntriesRoute> = async (c) =>
  c.json(await listAuditEntries({ prisma: c.var.deps.prisma, ...c.req.valid('query') }), 200);
