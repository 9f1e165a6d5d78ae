import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Env } from '../env.ts';
import type { AppEnv } from './app-context.ts';
import { hashToken, newToken } from './tokens.ts';

const hour = 60 * 60 * 1000;

// The __Host- prefix pins the cookie to this origin and path, but browsers accept it only over https.
export function sessionCookieName(env: Env): string {
  return env.secureCookies ? '__Host-ft_session' : 'ft_session';
}

/** Starts a server-side session for the user and sends its cookie. */
export async function startSession<E extends AppEnv>(c: Context<E>, userId: string): Promise<void> {
  const { env, prisma } = c.var.deps;
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + env.sessionTtlHours * hour);
  await prisma.session.create({
    data: {
      id: hash,
      userId,
      expiresAt,
      ip: c.var.clientIp,
      userAgent: c.req.header('user-agent')?.slice(0, 400) ?? null,
    },
    select: { id: true },
  });
  setCookie(c, sessionCookieName(env), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: env.secureCookies,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie<E extends AppEnv>(c: Context<E>): void {
  const { env } = c.var.deps;
  deleteCookie(c, sessionCookieName(env), { path: '/', secure: env.secureCookies });
}

/** Reads the session cookie into c.var.user; a session past its expiry or of a disabled user is ignored. */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    const { env, prisma } = c.var.deps;
    const token = getCookie(c, sessionCookieName(env));
    if (token && token.length <= 100) {
      const id = hashToken(token);
      const session = await prisma.session.findUnique({
        where: { id },
        select: {
          expiresAt: true,
          lastSeenAt: true,
          user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
        },
      });
      const now = Date.now();
      if (session && session.expiresAt.getTime() > now && !session.user.disabledAt) {
        const { disabledAt: _, ...user } = session.user;
        c.set('user', user);
        c.set('sessionId', id);
        // A sliding window, written at most hourly so reads stay reads.
        if (now - session.lastSeenAt.getTime() > hour) {
          await prisma.session.updateMany({
            where: { id },
            data: { lastSeenAt: new Date(now), expiresAt: new Date(now + env.sessionTtlHours * hour) },
          });
        }
      }
    }
    await next();
  };
}
