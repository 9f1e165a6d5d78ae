import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { WebhookAccepted, webhookPayload } from './github-webhooks.schemas.ts';

/** The events the processing loop reads; anything else is acknowledged and stored as ignored. */
export const processedEvents = new Set(['issues', 'issue_comment']);

/**
 * Stores a delivery in one statement (INSERT … ON CONFLICT DO NOTHING): a redelivery of the same
 * X-GitHub-Delivery finds its row and changes nothing. Nothing else happens on the request path,
 * so GitHub gets its answer in milliseconds; the processing loop does the rest. The payload is
 * stored from the raw body GitHub signed (PostgreSQL parses it as jsonb), not re-serialised.
 */
export async function storeWebhookDelivery(options: {
  prisma: PrismaClient;
  id: string;
  event: string;
  payload: z.output<typeof webhookPayload>;
  rawBody: string;
}): Promise<WebhookAccepted> {
  const { prisma, id, event, payload } = options;
  const known = processedEvents.has(event);
  const status = known ? 'pending' : 'ignored';
  const outcome = known ? null : event === 'ping' ? 'ping: GitHub checks the webhook' : `event ${event} is not synced`;
  const inserted = await prisma.$executeRaw`
    insert into "WebhookDelivery" (id, event, action, repo, "issueNumber", payload, status, outcome, "processedAt")
    values (${id}, ${event}, ${payload.action ?? null}, ${payload.repository?.full_name ?? null},
      ${payload.issue?.number ?? null}::integer, ${jsonbSafe(options.rawBody)}::jsonb, ${status}::"DeliveryStatus",
      ${outcome}, case when ${known} then null else now() end)
    on conflict (id) do nothing`;
  return { delivery: id, status: inserted === 0 ? 'duplicate' : known ? 'queued' : 'ignored' };
}

/** jsonb cannot hold U+0000, which JSON may escape as \u0000 (an unescaped backslash before it). */
function jsonbSafe(body: string): string {
  return body.includes('\\u0000') ? body.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : body;
}
