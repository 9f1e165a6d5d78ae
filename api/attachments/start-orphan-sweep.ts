import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';
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
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let stopped = false;
  let warned = false;
  const tick = () => {
    current = sweepOrphanFiles(options)
      .then((swept) => {
        if ('skipped' in swept) {
          // Said once: the folder stays someone else's until the configuration changes.
          if (!warned) logger.warn({ dir: options.dir, reason: swept.skipped }, 'attachments folder not swept');
          warned = true;
        } else if (swept.temp + swept.stored > 0) logger.info(swept, 'orphan attachment files removed');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'attachment sweep failed'))
      .finally(() => {
        current = undefined;
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? hourMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
