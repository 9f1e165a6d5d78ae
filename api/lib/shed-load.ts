import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-context.ts';
import { AppError } from './app-error.ts';

/**
 * Sheds load rather than making everyone wait: a new request is answered at once with 503 and
 * `Retry-After` when this process already answers `maxInFlight` requests, or when its event loop
 * has been running late by more than `maxEventLoopDelayMs` on average over the last half second.
 * The embedded database runs its queries on the event loop, so past what it can answer the queue
 * forms before any request reaches a handler and only the loop's delay shows it (README, "How far
 * the embedded database goes"). 0 turns either check off. Health checks and GitHub's webhooks are
 * not shed (the caller leaves them out).
 */
export function shedLoad(options: { maxInFlight: number; maxEventLoopDelayMs: number }): MiddlewareHandler<AppEnv> {
  let inFlight = 0;
  const lag = options.maxEventLoopDelayMs > 0 ? eventLoopLag() : () => 0;
  const busy = () =>
    new AppError('unavailable', {
      detail: 'Fieldtest is answering as many requests as it can; try again in a moment.',
      retryAfterSeconds: 1,
    });
  return async (_c, next) => {
    if (options.maxInFlight > 0 && inFlight >= options.maxInFlight) throw busy();
    if (options.maxEventLoopDelayMs > 0 && lag() > options.maxEventLoopDelayMs) throw busy();
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  };
}

const windowMs = 500;

/** The event loop's mean delay (ms) over the last complete half second. */
function eventLoopLag(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  let lagMs = 0;
  let windowStart = performance.now();
  const sample = () => {
    // The timer itself runs late when the loop is busy: that lateness counts too.
    const late = Math.max(0, performance.now() - windowStart - windowMs);
    lagMs = Math.max(histogram.count > 0 ? histogram.mean / 1e6 : 0, late);
    histogram.reset();
    windowStart = performance.now();
  };
  setInterval(sample, windowMs).unref();
  return () => {
    // A window that should have closed long ago is sampled now, so a blocked loop is seen at once.
    if (performance.now() - windowStart > 2 * windowMs) sample();
    return lagMs;
  };
}
