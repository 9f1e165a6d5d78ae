import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-context.ts';
import { AppError } from './app-error.ts';

/**
 * Past `maxInFlight` requests at once, a new one is answered at once with 503 and `Retry-After`
 * instead of waiting behind the others: the embedded database answers one query at a time, so a
 * queue there only makes everyone wait longer (README, "How far the embedded database goes").
 * 0 turns it off. The count is of this process; health checks and GitHub's webhooks are not shed.
 */
export function shedLoad(maxInFlight: number): MiddlewareHandler<AppEnv> & { inFlight: () => number } {
  let inFlight = 0;
  const middleware: MiddlewareHandler<AppEnv> = async (_c, next) => {
    if (maxInFlight <= 0) return next();
    if (inFlight >= maxInFlight) {
      throw new AppError('unavailable', {
        detail: 'Fieldtest is answering as many requests as it can; try again in a moment.',
        retryAfterSeconds: 1,
      });
    }
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  };
  return Object.assign(middleware, { inFlight: () => inFlight });
}
