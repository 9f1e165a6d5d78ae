import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';
import { type PollLoop, startPollLoop } from '../lib/poll-loop.ts';
import type { NoticeSettings } from './notify-finders.ts';
import { queueDueDigests } from './queue-due-digests.ts';

const hourMs = 3_600_000;

/**
 * Queues daily digests as they fall due, in every API process (each digest is claimed, so
 * processes sharing a database send it once). Looks every minute, or a hundredth of the period
 * when that is shorter (a period of seconds, in tests). `queued()` nudges the mail delivery.
 */
export function startNoticeDigests(options: {
  prisma: PrismaClient;
  settings: NoticeSettings;
  periodHours: number;
  logger: Logger;
  queued?: () => void;
  intervalMs?: number;
}): PollLoop {
  const periodMs = options.periodHours * hourMs;
  const logger = options.logger.child({ worker: 'notice-digests' });
  return startPollLoop({
    logger,
    name: 'notice digest',
    intervalMs: options.intervalMs ?? Math.min(60_000, Math.max(100, periodMs / 100)),
    step: async () => {
      const done = await queueDueDigests({ prisma: options.prisma, settings: options.settings, periodMs });
      if (done.queued) {
        logger.info(done, 'notice digests queued');
        options.queued?.();
      }
      return done.queued + done.emptied > 0;
    },
  });
}
