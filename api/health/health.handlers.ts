import type { AppRouteHandler } from '../lib/app-context.ts';
import type { healthRoute, readyRoute } from './health.routes.ts';

export const healthHandler: AppRouteHandler<typeof healthRoute> = (c) => c.json({ status: 'ok' as const }, 200);

export const readyHandler: AppRouteHandler<typeof readyRoute> = async (c) => {
  const { ready, detail } = await c.var.deps.checkReady();
  return ready ? c.json({ status: 'ready' as const }, 200) : c.json({ status: 'not_ready' as const, detail }, 503);
};
