import type { AppRouteHandler } from '../lib/app-context.ts';
import { clearSessionCookie, startSession } from '../lib/session.ts';
import type {
  inspectLinkRoute,
  meRoute,
  requestPasswordResetRoute,
  sessionRoute,
  setPasswordRoute,
  signInRoute,
  signOutEverywhereRoute,
  signOutRoute,
} from './auth.routes.ts';
import { describeSessionUser } from './describe-session-user.ts';
import { inspectLink } from './inspect-link.ts';
import { requestPasswordReset } from './request-password-reset.ts';
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

export const meHandler: AppRouteHandler<typeof meRoute> = async (c) =>
  c.json(await describeSessionUser({ prisma: c.var.deps.prisma, user: c.var.user }), 200);

export const sessionHandler: AppRouteHandler<typeof sessionRoute> = async (c) => {
  const { user } = c.var;
  return c.json({ user: user ? await describeSessionUser({ prisma: c.var.deps.prisma, user }) : null }, 200);
};

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

export const requestPasswordResetHandler: AppRouteHandler<typeof requestPasswordResetRoute> = async (c) => {
  const { prisma, mail, env } = c.var.deps;
  const { mailed } = await requestPasswordReset({
    prisma,
    smtpConfigured: mail.smtpConfigured,
    publicUrl: env.publicUrl,
    ip: c.var.clientIp,
    email: c.req.valid('json').email,
  });
  // The log tells operators what the answer does not; it names no address.
  if (mailed) mail.wake();
  c.var.logger.info({ mailed }, 'password reset requested');
  return c.json({ status: 'requested' as const }, 202);
};
