import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { lockRateState, passBlock, type SlotRefusal } from './lock-rate-state.ts';
import { readBudgetSpentUntil } from './read-budget.ts';
import { type Pacing, scaled } from './sync-timing.ts';

/**
 * Whether a read may go to GitHub now. Reads are not spaced like writes, but nothing at all is sent
 * while the credential is blocked (GitHub counts requests sent while limited against the
 * integration), and reads wait for the reset while GitHub's budget is down to the writes' reserve
 * (read-budget.ts).
 */
export async function allowGithubRead(options: {
  prisma: PrismaClient;
  rateKey: string;
  pacing: Pacing;
  now?: Date;
  probeMs?: number;
}): Promise<{ ok: true } | SlotRefusal> {
  const { prisma, rateKey, pacing } = options;
  return prisma.$transaction(async (tx) => {
    const state = await lockRateState(tx, rateKey, options.now ?? new Date());
    const now = options.now ?? new Date();
    const recheckMs = Math.max(50, scaled(1000, pacing));
    const spent = readBudgetSpentUntil(state, now);
    if (spent) {
      return {
        ok: false,
        waitMs: spent.getTime() - now.getTime(),
        reason: 'GitHub budget kept for writes until it resets',
      };
    }
    const blocked = await passBlock(tx, { rateKey, state, now, probeMs: options.probeMs ?? 16_000, recheckMs });
    return blocked ?? { ok: true };
  });
}

/**
 * Until when no read may be sent with the credential: after a rate limit or an outage, or, for the
 * REST API, while GitHub's budget is down to the writes' reserve (read-budget.ts; GraphQL has a
 * budget of its own, which writes do not use). Null: go ahead. The same rule as allowGithubRead
 * without the pacing row's lock or a probe, for the reads a delivery makes before it applies.
 */
export async function readBlockedUntil(
  db: PrismaClient | Prisma.TransactionClient,
  rateKey: string,
  api: 'rest' | 'graphql' = 'rest',
): Promise<Date | null> {
  const rate = await db.githubRateState.findUnique({
    where: { key: rateKey },
    select: { blockedUntil: true, coreLimit: true, coreRemaining: true, coreResetAt: true },
  });
  if (!rate) return null;
  const now = new Date();
  if (rate.blockedUntil && rate.blockedUntil > now) return rate.blockedUntil;
  return api === 'rest' ? readBudgetSpentUntil(rate, now) : null;
}
