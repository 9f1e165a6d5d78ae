import type { Env } from '../env.ts';

export type Pacing = Env['github']['pacing'];

// Every duration of our own choosing is divided by the time scale (tests and benchmarks run
// GitHub's windows faster, the emulator scaled alike); waits GitHub announces are real and kept.
export const scaled = (ms: number, pacing: Pick<Pacing, 'timeScale'>) => ms / pacing.timeScale;

export const minuteMs = 60_000;
export const hourMs = 3_600_000;

/** Spreads processes that were told to wait alike, always later, never earlier. */
export const withJitter = (ms: number, spread = 0.2) => Math.ceil(ms * (1 + Math.random() * spread));

/** Exponential back-off: base, 2×base, 4×base … up to cap. */
export const backoff = (baseMs: number, step: number, capMs: number) =>
  Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(step, 30)));

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
