import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../generated/prisma/client.ts';
import type { AppEnv, SessionUser } from './app-context.ts';
import { AppError } from './app-error.ts';

export type SignedInEnv = { Variables: { user: SessionUser; sessionId: string } };

/** The one middleware that decides access: no session is 401, a role not listed is 403. */
export function requireRole(allowed: readonly Role[] | 'signed-in'): MiddlewareHandler<SignedInEnv> {
  return async (c, next) => {
    // Handlers behind this middleware see a non-null user in their types.
    const user = (c as unknown as Context<AppEnv>).var.user;
    if (!user) throw new AppError('unauthenticated');
    if (allowed !== 'signed-in' && !allowed.includes(user.role)) throw new AppError('forbidden');
    await next();
  };
}
