import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';
import { type PollLoop, startPollLoop } from '../lib/poll-loop.ts';
import { purgeExpiredAttachments } from './purge-expired-attachments.ts';

const hourMs = 60 * 60 * 1000;

/**
 * The retention purge in each API process: at start-up, then hourly (retention is counted in days,
 * so an hour late is on time). Batches run until nothing more is due.
 */
export function startAttachmentPurge(options: {
  prisma: PrismaClient;
  dir: string;
  logger: Logger;
  intervalMs?: number;
}): PollLoop {
  const logger = options.logger.child({ worker: 'attachment-purge' });
  return startPollLoop({
    logger,
    name: 'attachment purge',
    intervalMs: options.intervalMs ?? hourMs,
    step: async () => {
      const result = await purgeExpiredAttachments({ prisma: options.prisma, dir: options.dir });
      if (result.purged > 0) logger.info(result, 'attachments purged after their retention period');
      return result.more;
    },
  });
}
