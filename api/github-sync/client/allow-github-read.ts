import type { PrismaClient } from '../../generated/prisma/client.ts';
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
