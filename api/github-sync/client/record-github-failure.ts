import type { PrismaClient } from '../../generated/prisma/client.ts';
import { backoff, retryDelay, withJitter } from '../../lib/backoff.ts';
import type { GithubFailure } from './classify-github-error.ts';
import { minuteMs, type Pacing, scaled } from './sync-timing.ts';

/**
 * Blocks the credential for every process after GitHub limited it, failed, or rejected it:
 * - rate limited: GitHub's `retry-after` or reset time (real time, as GitHub says), else our
 *   `limitedWaitSeconds`; limited again right after, exponential back-off with jitter;
 * - unknown outcome (5xx, timeout, reset): a short back-off growing with consecutive failures,
 *   so an outage is probed by one request at a time and never hammered;
 * - credentials rejected: a few minutes, then one request tries again.
 * A block is only ever extended here, never shortened. Returns when requests may go out again.
 */
export async function recordGithubFailure(options: {
  prisma: PrismaClient;
  rateKey: string;
  failure: GithubFailure;
  pacing: Pacing;
  now?: Date;
  /** The content write this answers, counted from now on (recordGithubSuccess says why). */
  answeredWriteId?: string;
}): Promise<{ blockedUntil: Date | null }> {
  const { prisma, rateKey, failure, pacing } = options;
  if (failure.kind !== 'rate_limited' && failure.kind !== 'unknown_outcome' && failure.kind !== 'unauthorized') {
    return { blockedUntil: null };
  }
  return prisma.$transaction(async (tx) => {
    const now = options.now ?? new Date();
    if (options.answeredWriteId) {
      await tx.$executeRaw`
        update "GithubWrite" set "sentAt" = greatest("sentAt", ${now}::timestamp(3)) where id = ${options.answeredWriteId}::bigint`;
    }
    await tx.$executeRaw`
      insert into "GithubRateState" (key, "nextWriteAt", "updatedAt")
      values (${rateKey}, ${now}::timestamp(3), ${now}::timestamp(3)) on conflict do nothing`;
    const [state] = await tx.$queryRaw<{ blockedUntil: Date | null; strikes: number }[]>`
      select "blockedUntil", strikes from "GithubRateState" where key = ${rateKey} for update`;
    const strikes = (state?.strikes ?? 0) + 1;
    const blockMs = blockFor(failure, strikes, pacing, now);
    const until = new Date(now.getTime() + blockMs);
    const blockedUntil = state?.blockedUntil && state.blockedUntil > until ? state.blockedUntil : until;
    await tx.githubRateState.update({
      where: { key: rateKey },
      data: { strikes, blockedUntil, blockedReason: failure.reason.slice(0, 500) },
      select: { key: true },
    });
    return { blockedUntil };
  });
}

function blockFor(failure: GithubFailure, strikes: number, pacing: Pacing, now: Date): number {
  if (failure.kind === 'rate_limited') {
    const told = Math.max(failure.retryAfterMs ?? 0, failure.resetAt ? failure.resetAt.getTime() - now.getTime() : 0);
    const configured = scaled(pacing.limitedWaitSeconds * 1000, pacing);
    // The first wait is what GitHub said (or our minimum when it said nothing); limited again
    // straight after, back off exponentially from our minimum.
    const first = told > 0 ? told : configured;
    const again = strikes > 1 ? backoff(configured, strikes - 1, scaled(15 * minuteMs, pacing)) : 0;
    return withJitter(Math.max(first, again), 0.1);
  }
  if (failure.kind === 'unauthorized') return withJitter(scaled(3 * minuteMs, pacing), 0.1);
  return retryDelay(scaled(1000, pacing), strikes, scaled(5 * minuteMs, pacing));
}
