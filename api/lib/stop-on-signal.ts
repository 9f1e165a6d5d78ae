import type { Logger } from './logger.ts';

/**
 * On SIGTERM or SIGINT, runs `stop` (which lets work in hand finish) once, then exits: 0 when it
 * stopped cleanly, 1 when stopping failed. The entry points of `npm start` and `npm run worker`.
 */
export function stopOnSignal(logger: Logger, stop: () => Promise<void>): void {
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
