import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from './app-context.ts';
import { readClientIp } from './client-ip.ts';

const acceptableId = /^[\w.:-]{1,100}$/;

/** Gives every request its id, a logger that carries it, the dependencies, and one log line at the end. */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && acceptableId.test(incoming) ? incoming : randomUUID();
    const logger = deps.logger.child({ requestId });
    c.set('deps', deps);
    c.set('requestId', requestId);
    c.set('logger', logger);
    c.set('clientIp', readClientIp(c, deps.env.trustProxy));
    c.set('user', null);
    c.set('sessionId', null);
    const started = performance.now();
    await next();
    // Set on the response's own headers: c.header() after the handler would rebuild the response
    // around a stream of its body, which the Node adapter then copies out chunk by chunk.
    c.res.headers.set('x-request-id', requestId);
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.var.user?.id,
      ip: c.var.clientIp,
    };
    if (status >= 500) logger.error(line, 'request failed');
    else if (c.req.path === '/api/health' || c.req.path === '/api/ready') logger.debug(line, 'request');
    else logger.info(line, 'request');
  };
}
