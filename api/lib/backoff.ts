// The one back-off every retry in Fieldtest uses: outbound sync jobs, blocks after GitHub's
// failures, webhook deliveries and mail.

/** Exponential back-off: base, 2×base, 4×base … up to cap (step 0 is the base). */
export const backoff = (baseMs: number, step: number, capMs: number) =>
  Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(step, 30)));

/** Spreads work that was told to wait alike (processes, messages), always later, never earlier. */
export const withJitter = (ms: number, spread = 0.2) => Math.ceil(ms * (1 + Math.random() * spread));

/**
 * How long to wait before trying again after `attempts` failed tries (1 after the first): the
 * exponential back-off from `baseMs` up to `capMs`, with jitter so what failed together is not
 * tried again all at once.
 */
export const retryDelay = (baseMs: number, attempts: number, capMs: number) =>
  withJitter(backoff(baseMs, attempts - 1, capMs));
