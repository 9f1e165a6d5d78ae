import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { lockRateState, passBlock, type SlotRefusal } from './lock-rate-state.ts';
import { hourMs, minuteMs, type Pacing, scaled } from './sync-timing.ts';

/**
 * A slot taken: `writeId` is the write's row, timed again when GitHub has answered it
 * (recordGithubSuccess); `nextWriteAt` and `nextContentAt` are the earliest a next write, and a
 * next content write, could be granted as things stand (spacing, and the content windows).
 */
export type SlotAnswer = { ok: true; writeId: string; nextWriteAt: Date; nextContentAt: Date } | SlotRefusal;

/** A statement made with a slot (see `inSlot`), and the error when it finds nothing to mark. */
export type SlotMark = { statement: (now: Date) => Prisma.Sql; refused: () => Error };

/**
 * Takes the credential's next write slot, shared by every process through the database: nothing
 * goes out while GitHub's limits or an outage block the credential, writes keep a pace of one per
 * `writeSpacingMs` (slotTime), and content (issues, comments) stays within the per-minute and per-hour budgets. On
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
  /**
   * Written with the slot, in the statement that records the write, before the write leaves (e.g.
   * the job's mark that it was sent): an `update … returning` that must return a row, or the slot
   * is given back and `refused()` thrown.
   */
  inSlot?: SlotMark;
}): Promise<SlotAnswer> {
  const { prisma, rateKey, content, pacing } = options;
  return prisma.$transaction(async (tx): Promise<SlotAnswer> => {
    // Taken inside the transaction: the clock is read after the row lock, so a wait on the lock
    // does not leave us acting on a stale time.
    const state = await lockRateState(tx, rateKey, options.now ?? new Date());
    const now = options.now ?? new Date();
    const recheckMs = Math.max(50, scaled(1000, pacing));
    const blocked = await passBlock(tx, { rateKey, state, now, probeMs: options.probeMs ?? 16_000, recheckMs });
    if (blocked) return blocked;
    if (state.nextWriteMs > now.getTime()) {
      return { ok: false, waitMs: Math.ceil(state.nextWriteMs - now.getTime()), reason: 'writes are spaced' };
    }
    // When the window lets one more content write through: when its (skip + 1)th oldest write leaves it.
    const freesAt = async (since: Date, skip: number): Promise<number> => {
      const [oldest] = await tx.githubWrite.findMany({
        where: { key: rateKey, content: true, sentAt: { gt: since } },
        orderBy: { sentAt: 'asc' },
        skip,
        take: 1,
        select: { sentAt: true },
      });
      return now.getTime() + Math.max(1, (oldest?.sentAt.getTime() ?? now.getTime()) - since.getTime());
    };
    let windows: { name: string; limit: number; since: Date; sent: number }[] = [];
    if (content) {
      const minuteSince = windowStart(now, minuteMs, pacing);
      const hourSince = windowStart(now, hourMs, pacing);
      // Both windows in one pass over the credential's recent content writes (the minute lies
      // within the hour). Counted after the row lock, in a statement of its own, so the writes of
      // whoever held the lock before us are seen.
      const [counts] = await tx.$queryRaw<{ minute: number; hour: number }[]>`
        select count(*) filter (where "sentAt" > ${minuteSince}::timestamp(3))::int as minute, count(*)::int as hour
        from "GithubWrite" where key = ${rateKey} and content and "sentAt" > ${hourSince}::timestamp(3)`;
      windows = [
        { name: 'minute', limit: pacing.contentPerMinute, since: minuteSince, sent: counts?.minute ?? 0 },
        { name: 'hour', limit: pacing.contentPerHour, since: hourSince, sent: counts?.hour ?? 0 },
      ];
      for (const { name, limit, since, sent } of windows) {
        if (sent >= limit) {
          const waitMs = (await freesAt(since, sent - limit)) - now.getTime();
          return { ok: false, waitMs, reason: `content budget per ${name} used up` };
        }
      }
    }
    // The write is recorded, the next slot moved on and the caller's own mark made in one
    // statement (the row stays locked), all or nothing.
    // With its fraction: a scaled spacing (16.67 ms) rounded up to 17 ms would be a pace 2% slow.
    // A clock that reads whole milliseconds then sees gaps of 16 and 17 ms, 16.67 ms on average.
    // Rounded to the microsecond the column keeps, so what is granted is exactly what is stored.
    const nextWriteMs =
      Math.round((slotTime(state.nextWriteMs, now, pacing) + scaled(pacing.writeSpacingMs, pacing)) * 1000) / 1000;
    const mark = options.inSlot ? options.inSlot.statement(now) : Prisma.sql`select`;
    const [sent] = await tx.$queryRaw<{ id: string }[]>`
      with marked as (${mark}), moved as (
        update "GithubRateState" set "nextWriteAt" = to_timestamp(${nextWriteMs}::float8 / 1000) at time zone 'UTC',
          "updatedAt" = ${now}::timestamp(3)
        where key = ${rateKey} and exists (select from marked)
      )
      insert into "GithubWrite" (key, content, "sentAt")
      select ${rateKey}, ${content}, ${now}::timestamp(3) where exists (select from marked)
      returning id::text as id`;
    if (!sent) throw options.inSlot?.refused() ?? new Error('GithubWrite insert returned no row');
    // With this write counted, a window that is now full delays the next content write.
    // The first whole millisecond at or after the slot: when asking again finds it free.
    const nextWriteAt = Math.ceil(nextWriteMs);
    let nextContentAt = nextWriteAt;
    for (const { limit, since, sent: before } of windows) {
      if (before + 1 >= limit) nextContentAt = Math.max(nextContentAt, await freesAt(since, before + 1 - limit));
    }
    await pruneWrites(tx, rateKey, now, pacing);
    return { ok: true, writeId: sent.id, nextWriteAt: new Date(nextWriteAt), nextContentAt: new Date(nextContentAt) };
  });
}

/**
 * A window (GitHub's minute or hour) starts this long before now, with a second's slack. GitHub
 * counts a write when it arrives; we count it from its departure until its answer, then from the
 * answer (recordGithubSuccess), both no earlier than its arrival. The slack covers the clocks of
 * processes on different machines; scaled like every duration of our own choosing, never under 25 ms.
 */
function windowStart(now: Date, windowMs: number, pacing: Pacing): Date {
  return new Date(now.getTime() - scaled(windowMs, pacing) - Math.max(25, scaled(1000, pacing)));
}

/**
 * The time the spacing counts from. Spacing is a pace: a write that waited for its slot and was
 * granted it a moment late (a timer, the slot's own transaction) counts from the slot, so a busy
 * queue keeps exactly one write per spacing instead of adding each grant's delay to the next.
 * Only a few milliseconds are made up this way, never more than a spacing: a write that came long
 * after its slot counts from now, so nothing goes out in a burst after a quiet spell.
 */
function slotTime(slotMs: number, now: Date, pacing: Pacing): number {
  const late = now.getTime() - slotMs;
  const madeUp = Math.min(25, scaled(pacing.writeSpacingMs, pacing));
  return late >= 0 && late <= madeUp ? slotMs : now.getTime();
}

// When this process last pruned each credential's writes.
const prunedAt = new Map<string, number>();

/**
 * Keeps GithubWrite small: at most once a (scaled) minute per process and credential, writes older
 * than two hour windows are deleted, a bounded number at a time so no prune is ever slow. Only the
 * windows are ever counted; the second window keeps the recent past for people (and the drain
 * benchmark) looking back over it. Done in the slot's transaction, so a slot is taken whole or not
 * at all; the delete is small and served by the (key, sentAt) index.
 */
async function pruneWrites(tx: Prisma.TransactionClient, rateKey: string, now: Date, pacing: Pacing): Promise<void> {
  const last = prunedAt.get(rateKey);
  if (last !== undefined && Math.abs(now.getTime() - last) < scaled(minuteMs, pacing)) return;
  prunedAt.set(rateKey, now.getTime());
  const before = new Date(now.getTime() - 2 * scaled(hourMs, pacing));
  await tx.$executeRaw`
    delete from "GithubWrite" where id in (
      select id from "GithubWrite" where key = ${rateKey} and "sentAt" < ${before}::timestamp(3) limit 1000)`;
}
