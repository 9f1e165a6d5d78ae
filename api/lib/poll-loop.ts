import type { Logger } from './logger.ts';

export type PollLoop = { wake: () => void; stop: () => Promise<void> };

/**
 * The shape of a background loop over work kept in the database: `step` does one batch and says
 * whether more may be waiting; the loop repeats it until nothing is left, then sleeps `intervalMs`
 * (work queued by other processes, and work that falls due, is found by polling). `wake()` looks at
 * once, e.g. after this process queued work; a wake during a drain runs one more. A failure is
 * logged and tried again on the next tick. `stop()` lets the batch in hand finish.
 * What keeps two processes from doing the same work is the step's own claim (FOR UPDATE SKIP
 * LOCKED, a lease), never this loop.
 */
export function startPollLoop(options: {
  logger: Logger;
  /** Names the loop in the log line of a failure, e.g. "message delivery". */
  name: string;
  intervalMs: number;
  step: () => Promise<boolean>;
}): PollLoop {
  const { logger, name, intervalMs, step } = options;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const drain = async () => {
    do {
      again = false;
      while (!stopped && (await step())) {}
    } while (again && !stopped);
  };
  const tick = () => {
    if (stopped) return;
    clearTimeout(timer);
    if (current) {
      again = true;
      return;
    }
    current = drain()
      .catch((error: unknown) => logger.error({ err: error }, `${name} loop failed`))
      .finally(() => {
        current = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    wake: tick,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
