import type { AppRouteHandler } from '../lib/app-context.ts';
import { clearSessionCookie, startSession } from '../lib/session.ts';
import type {
  inspectLinkRoute,
  meRoute,
  sessionRoute,
  setPasswordRoute,
  signInRoute,
  signOutEverywhereRoute,
  signOutRoute,
} from './auth.routes.ts';
import { inspectLink } from './inspect-link.ts';
import { setPasswordFromLink } from './set-password-from-link.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';

export const signInHandler: AppRouteHandler<typeof signInRoute> = async (c) => {
  const { email, password } = c.req.valid('json');
  const user = await signIn({ prisma: c.var.deps.prisma, email, password, ip: c.var.clientIp });
  await startSession(c, user.id);
  c.var.logger.info({ userId: user.id }, 'signed in');
  return c.json(user, 200);
};

export const signOutHandler: AppRouteHandler<typeof signOutRoute> = async (c) => {
  await signOut({ prisma: c.var.deps.prisma, sessionId: c.var.sessionId, userId: c.var.user.id, everywhere: false });
  clearSessionCookie(c);
  return c.body(null, 204);
};

export const signOutEverywhereHandler: AppRouteHandler<typeof signOutEverywhereRoute> = async (c) => {
  const { ended } = await signOut({
    prisma: c.var.deps.prisma,
    sessionId: c.var.sessionId,
    userId: c.var.user.id,
    everywhere: true,
  });
  c.var.logger.info({ userId: c.var.user.id, ended }, 'signed out everywhere');
  clearSessionCookie(c);
  return c.body(null, 204);
};

export const meHandler: AppRouteHandler<typeof meRoute> = async (c) => c.json(c.var.user, 200);

export const sessionHandler: AppRouteHandler<typeof sessionRoute> = async (c) => c.json({ user: c.var.user }, 200);

export const inspectLinkHandler: AppRouteHandler<typeof inspectLinkRoute> = async (c) => {
  const { token } = c.req.valid('json');
  return c.json(await inspectLink({ prisma: c.var.deps.prisma, token }), 200);
};

export const setPasswordHandler: AppRouteHandler<typeof setPasswordRoute> = async (c) => {
  const { token, password } = c.req.valid('json');
  const user = await setPasswordFromLink({ prisma: c.var.deps.prisma, token, password });
  await startSession(c, user.id);
  return c.json(user, 200);
};
