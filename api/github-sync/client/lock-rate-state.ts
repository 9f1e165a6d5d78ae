import type { Prisma } from '../../generated/prisma/client.ts';
import type { CoreBudget } from './read-budget.ts';
import { probeReason } from './sync-timing.ts';

export type RateStateRow = CoreBudget & {
  /** The next write slot, in epoch milliseconds with their fraction (the column keeps microseconds). */
  nextWriteMs: number;
  blockedUntil: Date | null;
  blockedReason: string | null;
  strikes: number;
};

/**
 * The credential's pacing row, locked for the rest of the transaction (made on first use): every
 * process using the credential serialises its decisions to send on this one row.
 */
export async function lockRateState(tx: Prisma.TransactionClient, rateKey: string, now: Date): Promise<RateStateRow> {
  const select = () => tx.$queryRaw<RateStateRow[]>`
    select round(extract(epoch from "nextWriteAt") * 1000, 3)::float8 as "nextWriteMs", "blockedUntil", "blockedReason", strikes, "coreLimit", "coreRemaining", "coreResetAt"
    from "GithubRateState" where key = ${rateKey} for update`;
  // The row exists on every use but the first: look for it before trying to make it, one
  // statement on the hot path instead of two.
  const [found] = await select();
  if (found) return found;
  await tx.$executeRaw`
    insert into "GithubRateState" (key, "nextWriteAt", "updatedAt")
    values (${rateKey}, ${now}::timestamp(3), ${now}::timestamp(3)) on conflict do nothing`;
  const [row] = await select();
  if (!row) throw new Error(`GithubRateState ${rateKey} vanished`);
  return row;
}

export type SlotRefusal = { ok: false; waitMs: number; reason: string };

/**
 * Whether a request may go out now under the row's block. After failures (strikes) the first
 * request through becomes the probe: the block is extended until its answer (or probeMs), so an
 * outage or a limit is tested by one request at a time, never by every waiting job at once.
 */
export async function passBlock(
  tx: Prisma.TransactionClient,
  options: { rateKey: string; state: RateStateRow; now: Date; probeMs: number; recheckMs: number },
): Promise<SlotRefusal | null> {
  const { state, now } = options;
  if (state.blockedUntil && state.blockedUntil > now) {
    const waitMs = state.blockedUntil.getTime() - now.getTime();
    // A probe's answer usually comes well before its window ends: look again soon.
    const probing = state.blockedReason === probeReason;
    return {
      ok: false,
      waitMs: probing ? Math.min(waitMs, options.recheckMs) : waitMs,
      reason: state.blockedReason ?? 'blocked',
    };
  }
  if (state.strikes > 0) {
    await tx.githubRateState.update({
      where: { key: options.rateKey },
      data: { blockedUntil: new Date(now.getTime() + options.probeMs), blockedReason: probeReason },
      select: { key: true },
    });
  }
  return null;
}
