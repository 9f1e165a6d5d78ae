/**
 * GitHub's rate limits, per token, with time scaled down for tests (a minute lasts 60/timeScale
 * seconds): the primary budget per hour, the secondary limits on content creation and concurrency,
 * and the "limited" period a client must sit out. Everything a client sends while it should be
 * waiting, and every content create beyond the documented windows, is recorded as a violation:
 * that is what would get a real integration banned.
 */
export type LimitsConfig = {
  timeScale: number;
  primaryPerHour: number;
  contentPerMinute: number;
  contentPerHour: number;
  maxConcurrent: number;
};

export type Violation = { at: string; reason: string; method: string; path: string; token: string };

/** The 403 a client gets when it runs into a limit. */
export type LimitAnswer =
  | { kind: 'secondary'; retryAfter: number | null; reason: string }
  | { kind: 'primary'; reason: string };

type TokenState = {
  windowStart: number;
  used: number;
  limitedUntil: number;
  limitedKind: 'primary' | 'secondary';
  /** A secondary limit without retry-after: GitHub says wait at least a minute. */
  limitedRetryAfter: boolean;
  contentTimes: number[];
  inFlight: number;
};

export const defaultLimits: LimitsConfig = {
  timeScale: 1,
  primaryPerHour: 5000,
  contentPerMinute: 80,
  contentPerHour: 500,
  maxConcurrent: 100,
};

export class RateLimits {
  violations: Violation[] = [];
  /** Requests answered with a rate-limit 403. */
  limitedAnswers = 0;
  private tokens = new Map<string, TokenState>();

  constructor(public config: LimitsConfig) {}

  get minuteMs(): number {
    return 60_000 / this.config.timeScale;
  }

  get hourMs(): number {
    return 3_600_000 / this.config.timeScale;
  }

  reset(): void {
    this.violations = [];
    this.limitedAnswers = 0;
    this.tokens.clear();
  }

  private state(token: string, now = Date.now()): TokenState {
    let state = this.tokens.get(token);
    if (!state) {
      state = {
        windowStart: now,
        used: 0,
        limitedUntil: 0,
        limitedKind: 'secondary',
        limitedRetryAfter: true,
        contentTimes: [],
        inFlight: 0,
      };
      this.tokens.set(token, state);
    }
    if (now >= state.windowStart + this.hourMs) {
      state.windowStart = now;
      state.used = 0;
    }
    return state;
  }

  /** The x-ratelimit-* headers GitHub sends with every answer. */
  headers(token: string): Record<string, string> {
    const state = this.state(token);
    const remaining = Math.max(0, this.config.primaryPerHour - state.used);
    return {
      'x-ratelimit-limit': String(this.config.primaryPerHour),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used': String(Math.min(state.used, this.config.primaryPerHour)),
      'x-ratelimit-reset': String(this.resetEpoch(token)),
      'x-ratelimit-resource': 'core',
    };
  }

  /** When the primary window ends, as GitHub's x-ratelimit-reset: epoch seconds. */
  resetEpoch(token: string): number {
    const state = this.state(token);
    const primaryReset = state.windowStart + this.hourMs;
    const end = state.limitedKind === 'primary' ? Math.max(primaryReset, state.limitedUntil) : primaryReset;
    return Math.ceil(end / 1000);
  }

  /**
   * Checks a request before it is served. Returns the 403 to send, or null when the request may go
   * ahead (and then counts it as in flight until `leave`).
   */
  admit(token: string, request: { method: string; path: string; contentCreate: boolean }): LimitAnswer | null {
    const now = Date.now();
    const state = this.state(token, now);
    if (now < state.limitedUntil) {
      this.violate(token, request, 'request_while_limited');
      if (state.limitedKind === 'primary') return { kind: 'primary', reason: 'request_while_limited' };
      return {
        kind: 'secondary',
        retryAfter: state.limitedRetryAfter ? secondsUntil(state.limitedUntil, now) : null,
        reason: 'request_while_limited',
      };
    }
    if (state.inFlight >= this.config.maxConcurrent) {
      this.violate(token, request, 'concurrency');
      return this.limitSecondary(token, this.minuteMs, true, 'concurrency');
    }
    if (state.used >= this.config.primaryPerHour) {
      this.violate(token, request, 'primary_exhausted');
      return this.limitPrimary(token, state.windowStart + this.hourMs - now, 'primary_exhausted');
    }
    if (request.contentCreate) {
      const wait = this.contentWait(state, now);
      if (wait !== null) {
        this.violate(token, request, wait.reason);
        return this.limitSecondary(token, wait.ms, true, wait.reason);
      }
    }
    state.inFlight++;
    return null;
  }

  leave(token: string): void {
    const state = this.state(token);
    state.inFlight = Math.max(0, state.inFlight - 1);
  }

  /** A served request that counts against the primary budget (a 304 does not). */
  countRequest(token: string): void {
    this.state(token).used++;
  }

  countContentCreate(token: string): void {
    this.state(token).contentTimes.push(Date.now());
  }

  /** Puts the client in the secondary-limited state; `retryAfter: false` sends no retry-after. */
  limitSecondary(token: string, waitMs: number, withRetryAfter: boolean, reason: string): LimitAnswer {
    const now = Date.now();
    const state = this.state(token, now);
    // The client is told whole seconds, so it is limited for exactly what it was told.
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    state.limitedUntil = now + (withRetryAfter ? retryAfter * 1000 : Math.max(waitMs, 1));
    state.limitedKind = 'secondary';
    state.limitedRetryAfter = withRetryAfter;
    this.limitedAnswers++;
    return { kind: 'secondary', retryAfter: withRetryAfter ? retryAfter : null, reason };
  }

  /** Exhausts the primary budget until now + waitMs (x-ratelimit-reset tells the client when). */
  limitPrimary(token: string, waitMs: number, reason: string): LimitAnswer {
    const now = Date.now();
    const state = this.state(token, now);
    state.limitedUntil = Math.ceil((now + Math.max(waitMs, 1)) / 1000) * 1000;
    state.limitedKind = 'primary';
    this.limitedAnswers++;
    return { kind: 'primary', reason };
  }

  private contentWait(state: TokenState, now: number): { ms: number; reason: string } | null {
    state.contentTimes = state.contentTimes.filter((at) => at > now - this.hourMs);
    const inMinute = state.contentTimes.filter((at) => at > now - this.minuteMs);
    if (inMinute.length >= this.config.contentPerMinute) {
      const oldest = inMinute[inMinute.length - this.config.contentPerMinute]!;
      return { ms: oldest + this.minuteMs - now, reason: 'content_per_minute' };
    }
    if (state.contentTimes.length >= this.config.contentPerHour) {
      const oldest = state.contentTimes[state.contentTimes.length - this.config.contentPerHour]!;
      return { ms: oldest + this.hourMs - now, reason: 'content_per_hour' };
    }
    return null;
  }

  private violate(token: string, request: { method: string; path: string }, reason: string): void {
    this.violations.push({
      at: new Date().toISOString(),
      reason,
      method: request.method,
      path: request.path,
      token: `${token.slice(0, 4)}…`,
    });
  }
}

function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
