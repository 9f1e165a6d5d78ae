import { createTransport, type Transporter } from 'nodemailer';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { afterFailedAttempt, claimLeased, type LeasedQueue } from '../lib/leased-queue.ts';
import type { Logger } from '../lib/logger.ts';
import { type PollLoop, startPollLoop } from '../lib/poll-loop.ts';

export const maxDeliveryAttempts = 6;

type Claimed = { id: string; to: string; subject: string; text: string; attempts: number };

/** "nextAttemptAt" is both the lease and the retry's "not before". */
const dueMessages: LeasedQueue = {
  table: 'Message',
  key: 'id',
  lease: 'nextAttemptAt',
  attempts: 'attempts',
  leaseMs: 5 * 60_000,
  due: Prisma.sql`status = 'pending' and "nextAttemptAt" <= now()`,
  order: Prisma.sql`"nextAttemptAt"`,
};

/**
 * Sends due messages through SMTP. Rows are claimed from a leased queue (api/lib/leased-queue.ts),
 * so several API processes never send the same message at once; a failure retries with
 * exponential back-off (1, 2, 4 … minutes, jittered) and ends as `failed` after the last try.
 */
export async function deliverDueMessages(options: {
  prisma: PrismaClient;
  transport: Transporter;
  from: string;
  logger: Logger;
  batch?: number;
}): Promise<{ sent: number; failed: number }> {
  const { prisma, transport, logger } = options;
  const claimed = await claimLeased<Claimed>(prisma, dueMessages, {
    limit: options.batch ?? 20,
    returning: Prisma.sql`id, "to", subject, text, attempts`,
  });
  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    try {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
      await prisma.message.update({
        where: { id: message.id },
        data: { status: 'sent', sentAt: new Date(), lastError: null },
      });
      sent += 1;
    } catch (error) {
      failed += 1;
      const { last, nextAttemptAt } = afterFailedAttempt({
        attempts: message.attempts,
        maxAttempts: maxDeliveryAttempts,
        baseMs: 60_000,
        capMs: 60 * 60_000,
      });
      const reason = (error as Error).message.slice(0, 500);
      logger.warn(
        { messageId: message.id, attempts: message.attempts, reason },
        last ? 'message undeliverable' : 'message delivery failed, will retry',
      );
      await prisma.message.update({
        where: { id: message.id },
        data: {
          status: last ? 'failed' : 'pending',
          lastError: reason,
          nextAttemptAt,
        },
      });
    }
  }
  return { sent, failed };
}

/** Polls for due messages until stopped; `wake()` sends at once (after a write that queued mail). */
export function startMessageDelivery(options: {
  prisma: PrismaClient;
  smtpUrl: string;
  from: string;
  logger: Logger;
  intervalMs?: number;
}): PollLoop {
  const transport = createTransport(options.smtpUrl);
  const loop = startPollLoop({
    logger: options.logger,
    name: 'message delivery',
    intervalMs: options.intervalMs ?? 5000,
    // A failed message waits for its retry, so this ends when nothing is due.
    step: async () => {
      const result = await deliverDueMessages({ ...options, transport });
      return result.sent + result.failed > 0;
    },
  });
  return {
    wake: loop.wake,
    stop: async () => {
      await loop.stop();
      transport.close();
    },
  };
}
