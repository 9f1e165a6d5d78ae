import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { afterFailedAttempt, claimLeased, type LeasedQueue } from '../../lib/leased-queue.ts';
import type { Logger } from '../../lib/logger.ts';
import type { InboundSettings } from './inbound-context.ts';
import { processWebhookDelivery } from './process-webhook-delivery.ts';

/** Tries per delivery before it stays `failed` with its reason (shown on the sync health page). */
export const maxDeliveryAttempts = 5;

/** "leaseUntil" is both the lease and, after a failure, the retry's "not before". */
const pendingDeliveries: LeasedQueue = {
  table: 'WebhookDelivery',
  key: 'id',
  lease: 'leaseUntil',
  attempts: 'attempts',
  // How long a claimed delivery belongs to the process that claimed it; a crashed one's is taken over after.
  leaseMs: 120_000,
  due: Prisma.sql`status = 'pending' and ("leaseUntil" is null or "leaseUntil" <= now())`,
  order: Prisma.sql`"receivedAt"`,
};

type Claimed = {
  id: string;
  event: string;
  action: string | null;
  payload: unknown;
  attempts: number;
  receivedAt: Date;
};

/**
 * Claims due deliveries (a leased queue, api/lib/leased-queue.ts, so several processes share the
 * work and none does a delivery twice at once) and processes them one by one. A failure keeps the
 * delivery pending with a growing delay (`leaseUntil` then means "not before"), until the last
 * attempt leaves it `failed`. Returns how many were claimed.
 */
export async function processPendingDeliveries(options: {
  prisma: PrismaClient;
  settings: InboundSettings;
  logger: Logger;
  batch?: number;
  /** Base of the retry back-off (doubles per attempt). */
  retryDelayMs?: number;
}): Promise<number> {
  const { prisma, settings, logger } = options;
  const claimed = await claimLeased<Claimed>(prisma, pendingDeliveries, {
    limit: options.batch ?? 50,
    returning: Prisma.sql`id, event, action, payload, attempts, "receivedAt"`,
  });
  // RETURNING keeps no order; oldest first, though the order only matters for how soon each is seen.
  for (const delivery of claimed.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
    let result: Awaited<ReturnType<typeof processWebhookDelivery>>;
    try {
      result = await processWebhookDelivery({ prisma, delivery, settings });
    } catch (error) {
      result = { status: 'retry', outcome: `error: ${(error as Error).message}`.slice(0, 2000) };
      logger.warn({ err: error, delivery: delivery.id, attempts: delivery.attempts }, 'webhook delivery failed');
    }
    if (result.status === 'processed' || result.status === 'ignored') continue;
    const retry = afterFailedAttempt({
      attempts: delivery.attempts,
      maxAttempts: maxDeliveryAttempts,
      baseMs: options.retryDelayMs ?? 5000,
      capMs: 30 * 60_000,
    });
    const last = result.status === 'failed' || retry.last;
    await prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: last
        ? { status: 'failed', outcome: result.outcome, processedAt: new Date(), leaseUntil: null }
        : { outcome: result.outcome, leaseUntil: retry.nextAttemptAt },
      select: { id: true },
    });
    if (last) logger.warn({ delivery: delivery.id, outcome: result.outcome }, 'webhook delivery failed for good');
  }
  return claimed.length;
}
