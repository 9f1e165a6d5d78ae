import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-context.ts';
import { AppError } from './app-error.ts';

const jsonType = /^application\/([\w.+-]*\+)?json(\s*;|$)/i;

/**
 * Writes with a body must say it is JSON. This also keeps HTML forms, which cannot send JSON
 * cross-site without a CORS preflight, from posting to the API.
 */
export function jsonOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    if (hasBody && !jsonType.test(c.req.header('content-type') ?? '')) {
      throw new AppError('unsupported_media_type', { detail: 'Send the body as application/json.' });
    }
    await next();
  };
}
