import { createTransport, type Transporter } from 'nodemailer';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { retryDelay } from '../lib/backoff.ts';
import type { Logger } from '../lib/logger.ts';
import { type PollLoop, startPollLoop } from '../lib/poll-loop.ts';

export const maxDeliveryAttempts = 6;

type Claimed = { id: string; to: string; subject: string; text: string; attempts: number };

/**
 * Sends due messages through SMTP. Rows are claimed with FOR UPDATE SKIP LOCKED and pushed into
 * the future first, so several API processes never send the same message at once; a failure
 * retries with exponential back-off (1, 2, 4 … minutes, jittered) and ends as `failed` after the last try.
 */
export async function deliverDueMessages(options: {
  prisma: PrismaClient;
  transport: Transporter;
  from: string;
  logger: Logger;
  batch?: number;
}): Promise<{ sent: number; failed: number }> {
  const { prisma, transport, logger } = options;
  const claimed = await prisma.$queryRaw<Claimed[]>`
    update "Message" set "nextAttemptAt" = now() + interval '5 minutes', attempts = attempts + 1
    where id in (
      select id from "Message" where status = 'pending' and "nextAttemptAt" <= now()
      order by "nextAttemptAt" limit ${options.batch ?? 20} for update skip locked)
    returning id, "to", subject, text, attempts`;
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
      const last = message.attempts >= maxDeliveryAttempts;
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
          nextAttemptAt: new Date(Date.now() + retryDelay(60_000, message.attempts, 60 * 60_000)),
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
