import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-context.ts';
import { AppError } from './app-error.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: a browser names the page's origin in `Origin`
 * on every non-GET request, so a write whose Origin is neither this server's public URL nor the
 * host it was sent to comes from another site. Clients without a browser send no Origin and no
 * ambient cookie worth forging.
 */
export function sameOrigin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!safeMethods.has(c.req.method)) {
      const origin = c.req.header('origin');
      const fetchSite = c.req.header('sec-fetch-site');
      if (origin !== undefined) {
        const url = new URL(c.req.url);
        const host = c.req.header('host');
        const allowed = new Set([c.var.deps.env.publicUrl, url.origin, host ? `${url.protocol}//${host}` : '']);
        if (!allowed.has(origin))
          throw new AppError('cross_origin', { detail: `Requests from ${origin} are not accepted.` });
      } else if (fetchSite === 'cross-site') {
        throw new AppError('cross_origin', { detail: 'Cross-site requests are not accepted.' });
      }
    }
    await next();
  };
}
