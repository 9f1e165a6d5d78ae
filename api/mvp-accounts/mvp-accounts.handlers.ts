import type { AppRouteHandler } from '../lib/app-context.ts';
import type { updateMvpAccountRoute } from './mvp-accounts.routes.ts';
import { updateMvpAccount } from './update-mvp-account.ts';

export const updateMvpAccountHandler: AppRouteHandler<typeof updateMvpAccountRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const account = await updateMvpAccount({
    prisma: c.var.deps.prisma,
    id,
    ...c.req.valid('json'),
    actor: c.var.user,
  });
  c.var.logger.info({ userId: id, by: c.var.user.id, status: account.status }, 'mvp account updated');
  return c.json(account, 200);
};
