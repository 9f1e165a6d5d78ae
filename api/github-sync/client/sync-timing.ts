import type { Env } from '../../env.ts';

export type Pacing = Env['github']['pacing'];

// Every duration of our own choosing is divided by the time scale (tests and benchmarks run
// GitHub's windows faster, the emulator scaled alike); waits GitHub announces are real and kept.
export const scaled = (ms: number, pacing: Pick<Pacing, 'timeScale'>) => ms / pacing.timeScale;

export const minuteMs = 60_000;
export const hourMs = 3_600_000;

/** Marks a rate-state block that only waits for the answer to one probing request. */
export const probeReason = 'waiting for the answer to a probing request';

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
