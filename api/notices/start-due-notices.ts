import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';
import { type PollLoop, startPollLoop } from '../lib/poll-loop.ts';
import type { NoticeSettings } from './notify-finders.ts';
import { queueDueDigests } from './queue-due-digests.ts';
import { queueVerificationReminders } from './queue-verification-reminders.ts';

const hourMs = 3_600_000;

/**
 * Sends the notices that fall due with time rather than with an event, in every API process (each
 * is claimed, so processes sharing a database send it once): daily digests, and the one reminder of
 * a request to check a fix. Looks every minute, or a hundredth of the digest period when that is
 * shorter (a period of seconds, in tests). `queued()` nudges the mail delivery.
 */
export function startDueNotices(options: {
  prisma: PrismaClient;
  settings: NoticeSettings;
  periodHours: number;
  logger: Logger;
  queued?: () => void;
  intervalMs?: number;
}): PollLoop {
  const periodMs = options.periodHours * hourMs;
  const logger = options.logger.child({ worker: 'due-notices' });
  return startPollLoop({
    logger,
    name: 'due notices',
    intervalMs: options.intervalMs ?? Math.min(60_000, Math.max(100, periodMs / 100)),
    step: async () => {
      const reminded = await queueVerificationReminders({ prisma: options.prisma, settings: options.settings });
      const digests = await queueDueDigests({ prisma: options.prisma, settings: options.settings, periodMs });
      if (digests.queued || reminded) {
        logger.info({ ...digests, reminded }, 'due notices queued');
        options.queued?.();
      }
      return reminded + digests.queued + digests.emptied > 0;
    },
  });
}
