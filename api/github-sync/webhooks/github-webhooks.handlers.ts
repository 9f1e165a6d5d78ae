import type { AppRouteHandler } from '../../lib/app-context.ts';
import type { receiveWebhookRoute } from './github-webhooks.routes.ts';
import { storeWebhookDelivery } from './store-webhook-delivery.ts';

export const receiveWebhookHandler: AppRouteHandler<typeof receiveWebhookRoute> = async (c) => {
  const headers = c.req.valid('header');
  const { sql, sync } = c.var.deps;
  const accepted = await storeWebhookDelivery(sql, {
    id: headers['x-github-delivery'],
    event: headers['x-github-event'],
    payload: c.req.valid('json'),
    // Read (and kept by Hono) when the signature was checked.
    rawBody: await c.req.text(),
  });
  // This process's loop picks it up now; loops in other processes find it when they next poll.
  if (accepted.status === 'queued') sync.wake();
  return c.json(accepted, 202);
};
