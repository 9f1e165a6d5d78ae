import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';
import { startPollLoop } from '../lib/poll-loop.ts';
import { sweepOrphanFiles } from './sweep-orphan-files.ts';

const hourMs = 60 * 60 * 1000;

/**
 * Sweeps the attachments folder for orphans at start-up, then hourly: a process killed mid-upload
 * is usually found by its own restart, and processes that run on are swept too. Each API process
 * sweeps; two sweeping at once agree, since every removal is decided under the content's lock.
 * `stop()` waits for a sweep in progress.
 */
export function startOrphanSweep(options: { prisma: PrismaClient; dir: string; logger: Logger; intervalMs?: number }): {
  stop: () => Promise<void>;
} {
  const logger = options.logger.child({ worker: 'attachment-sweep' });
  let warned = false;
  const loop = startPollLoop({
    logger,
    name: 'attachment sweep',
    intervalMs: options.intervalMs ?? hourMs,
    // One sweep, then nothing until the next interval.
    step: async () => {
      const swept = await sweepOrphanFiles(options);
      if ('skipped' in swept) {
        // Said once: the folder stays someone else's until the configuration changes.
        if (!warned) logger.warn({ dir: options.dir, reason: swept.skipped }, 'attachments folder not swept');
        warned = true;
      } else if (swept.temp + swept.stored > 0) logger.info(swept, 'orphan attachment files removed');
      return false;
    },
  });
  return { stop: loop.stop };
}
