import type { AppRouteHandler } from '../lib/app-context.ts';
import { startSession } from '../lib/session.ts';
import { acceptInvitation } from './accept-invitation.ts';
import { inspectInvitation } from './inspect-invitation.ts';
import type { acceptInvitationRoute, inspectInvitationRoute } from './invitations.routes.ts';

export const inspectInvitationHandler: AppRouteHandler<typeof inspectInvitationRoute> = async (c) =>
  c.json(await inspectInvitation({ prisma: c.var.deps.prisma, token: c.req.valid('json').token }), 200);

export const acceptInvitationHandler: AppRouteHandler<typeof acceptInvitationRoute> = async (c) => {
  const signedInUserId = c.var.user?.id ?? null;
  const user = await acceptInvitation({
    prisma: c.var.deps.prisma,
    ...c.req.valid('json'),
    signedInUserId,
    ip: c.var.clientIp,
  });
  if (user.id !== signedInUserId) await startSession(c, user.id);
  c.var.logger.info({ userId: user.id }, 'invitation accepted');
  return c.json(user, 200);
};
