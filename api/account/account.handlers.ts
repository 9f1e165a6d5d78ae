import type { AppRouteHandler } from '../lib/app-context.ts';
import type { changePasswordRoute } from './account.routes.ts';
import { changePassword } from './change-password.ts';

export const changePasswordHandler: AppRouteHandler<typeof changePasswordRoute> = async (c) => {
  const { currentPassword, newPassword } = c.req.valid('json');
  await changePassword({
    prisma: c.var.deps.prisma,
    userId: c.var.user.id,
    sessionId: c.var.sessionId,
    currentPassword,
    newPassword,
    ip: c.var.clientIp,
  });
  return c.body(null, 204);
};
