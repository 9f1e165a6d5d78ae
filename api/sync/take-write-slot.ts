import type { PrismaClient } from '../generated/prisma/client.ts';
import { lockRateState, passBlock, type SlotRefusal } from './lock-rate-state.ts';
import { hourMs, minuteMs, type Pacing, scaled } from './sync-timing.ts';

export type SlotAnswer = { ok: true } | SlotRefusal;

/**
 * Takes the credential's next write slot, shared by every process through the database: nothing
 * goes out while GitHub's limits or an outage block the credential, writes stay `writeSpacingMs`
 * apart, and content (issues, comments) stays within the per-minute and per-hour budgets. On
 * success the write is recorded before it is sent, so the windows count it even if its process dies.
 */
export async function takeWriteSlot(options: {
  prisma: PrismaClient;
  rateKey: string;
  content: boolean;
  pacing: Pacing;
  now?: Date;
  /** How long the block stays on while a probing request is answered (the request's timeout). */
  probeMs?: number;
}): Promise<SlotAnswer> {
  const { prisma, rateKey, content, pacing } = options;
  return prisma.$transaction(async (tx) => {
    // Taken inside the transaction: the clock is read after the row lock, so a wait on the lock
    // does not leave us acting on a stale time.
    const state = await lockRateState(tx, rateKey, options.now ?? new Date());
    const now = options.now ?? new Date();
    const recheckMs = Math.max(50, scaled(1000, pacing));
    const blocked = await passBlock(tx, { rateKey, state, now, probeMs: options.probeMs ?? 16_000, recheckMs });
    if (blocked) return blocked;
    if (state.nextWriteAt > now) {
      return { ok: false, waitMs: state.nextWriteAt.getTime() - now.getTime(), reason: 'writes are spaced' };
    }
    if (content) {
      for (const [windowMs, limit, name] of [
        [scaled(minuteMs, pacing), pacing.contentPerMinute, 'minute'],
        [scaled(hourMs, pacing), pacing.contentPerHour, 'hour'],
      ] as const) {
        // A little slack: GitHub counts arrivals, we count departures, and latencies vary.
        const window = windowMs + Math.min(1000, Math.max(25, windowMs * 0.02));
        const since = new Date(now.getTime() - window);
        const sent = await tx.githubWrite.count({ where: { key: rateKey, content: true, sentAt: { gt: since } } });
        if (sent >= limit) {
          // The window frees a place when its (sent - limit + 1)th oldest write leaves it.
          const [oldest] = await tx.githubWrite.findMany({
            where: { key: rateKey, content: true, sentAt: { gt: since } },
            orderBy: { sentAt: 'asc' },
            skip: sent - limit,
            take: 1,
            select: { sentAt: true },
          });
          const waitMs = Math.max(1, (oldest?.sentAt.getTime() ?? now.getTime()) + window - now.getTime());
          return { ok: false, waitMs, reason: `content budget per ${name} used up` };
        }
      }
    }
    await tx.githubWrite.create({ data: { key: rateKey, content, sentAt: now }, select: { id: true } });
    await tx.githubRateState.update({
      where: { key: rateKey },
      data: { nextWriteAt: new Date(now.getTime() + scaled(pacing.writeSpacingMs, pacing)) },
      select: { key: true },
    });
    return { ok: true };
  });
}
