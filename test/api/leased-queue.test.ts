import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../api/db/open-database.ts';
import { Prisma } from '../../api/generated/prisma/client.ts';
import { afterFailedAttempt, claimLeased, type LeasedQueue } from '../../api/lib/leased-queue.ts';
import { createTestDatabase } from '../support/test-database.ts';

// The claim protocol every background queue uses, on a table of its own in a real database of the
// kind this project runs on (on PostgreSQL, claims run side by side on a pool's connections).

type Probe = { id: number; attempts: number; leaseUntil: Date; lane: string };

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  const created = await createTestDatabase();
  drop = created.drop;
  database = await openDatabase(created.target);
  if (created.target.kind === 'postgres' && created.target.schema) {
    await database.prisma.$executeRawUnsafe(`create schema if not exists "${created.target.schema}"`);
  }
  await database.prisma.$executeRawUnsafe(`
    create table "LeaseProbe" (
      id int primary key,
      lane text not null,
      attempts int not null default 0,
      "leaseUntil" timestamp(3),
      "claimedBy" text
    )`);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

beforeEach(async () => {
  await database.prisma.$executeRawUnsafe(`delete from "LeaseProbe"`);
});

const addProbes = (count: number, lane = (n: number) => `lane${n % 3}`) =>
  database.prisma.$executeRaw`
    insert into "LeaseProbe" (id, lane)
    select n, v.lane from unnest(${Array.from({ length: count }, (_, n) => n + 1)}::int[], ${Array.from(
      { length: count },
      (_, n) => lane(n + 1),
    )}::text[]) as v(n, lane)`;

const probes = (now?: Date, leaseMs = 60_000): LeasedQueue => ({
  table: 'LeaseProbe',
  key: 'id',
  lease: 'leaseUntil',
  attempts: 'attempts',
  leaseMs,
  due: now
    ? Prisma.sql`("leaseUntil" is null or "leaseUntil" <= ${now}::timestamp(3))`
    : Prisma.sql`("leaseUntil" is null or "leaseUntil" <= now())`,
  order: Prisma.sql`id`,
});

const returning = Prisma.sql`id, attempts, "leaseUntil", lane`;

describe('claiming from a leased queue', () => {
  it('never gives one row to two claims running at once', async () => {
    await addProbes(40);
    const claimed: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const batches = await Promise.all(
        Array.from({ length: 5 }, () =>
          claimLeased<Probe>(database.prisma, probes(), { limit: 3, returning }).then((rows) => rows.map((r) => r.id)),
        ),
      );
      claimed.push(...batches.flat());
      if (batches.every((batch) => batch.length === 0)) break;
    }
    expect(claimed.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
  });

  it('claims the first due rows in order, as many as asked', async () => {
    await addProbes(5);
    const rows = await claimLeased<Probe>(database.prisma, probes(), { limit: 2, returning });
    expect(rows.map((row) => row.id).toSorted()).toEqual([1, 2]);
  });

  it('leaves a leased row alone until its lease ends, then claims it again with one more attempt', async () => {
    await addProbes(1);
    const start = new Date('2030-01-01T00:00:00Z');
    const at = (ms: number) => new Date(start.getTime() + ms);
    const [first] = await claimLeased<Probe>(database.prisma, probes(start), { limit: 5, returning, now: start });
    expect(first).toMatchObject({ id: 1, attempts: 1, leaseUntil: at(60_000) });
    expect(await claimLeased(database.prisma, probes(at(59_999)), { limit: 5, returning, now: at(59_999) })).toEqual(
      [],
    );
    const [again] = await claimLeased<Probe>(database.prisma, probes(at(60_000)), {
      limit: 5,
      returning,
      now: at(60_000),
    });
    expect(again).toMatchObject({ id: 1, attempts: 2, leaseUntil: at(120_000) });
  });

  it("leases by the database's clock when no time is given", async () => {
    await addProbes(1);
    const before = Date.now();
    const [row] = await claimLeased<Probe>(database.prisma, probes(undefined, 30_000), { limit: 1, returning });
    expect(row?.leaseUntil.getTime()).toBeGreaterThanOrEqual(before + 30_000 - 1000);
    expect(row?.leaseUntil.getTime()).toBeLessThanOrEqual(Date.now() + 30_000 + 1000);
    expect(await claimLeased(database.prisma, probes(), { limit: 1, returning })).toEqual([]);
  });

  it('counts no attempt where the queue names no attempts column, and applies the extra sets', async () => {
    await addProbes(1);
    const [row] = await claimLeased<Probe & { claimedBy: string }>(
      database.prisma,
      { ...probes(), attempts: undefined },
      { limit: 1, set: Prisma.sql`"claimedBy" = ${'worker-a'}`, returning: Prisma.sql`${returning}, "claimedBy"` },
    );
    expect(row).toMatchObject({ id: 1, attempts: 0, claimedBy: 'worker-a' });
  });

  it('takes an order ranked below the lock, and returns the rank it passed on', async () => {
    // lane0 holds rows 3, 6, 9 …; lane1 rows 1, 4, 7 …; lane2 rows 2, 5, 8 …: one of each lane first.
    await addProbes(9);
    const ranked: LeasedQueue = {
      ...probes(),
      order: Prisma.sql`ranks.turn, "LeaseProbe".id`,
      ranked: {
        ctes: Prisma.sql`ranks as (
          select id, row_number() over (partition by lane order by id) as turn from "LeaseProbe"
           where "leaseUntil" is null or "leaseUntil" <= now())`,
        join: Prisma.sql`join ranks on ranks.id = "LeaseProbe".id`,
        columns: Prisma.sql`ranks.turn`,
      },
      due: Prisma.sql`("LeaseProbe"."leaseUntil" is null or "LeaseProbe"."leaseUntil" <= now())`,
    };
    const rows = await claimLeased<Probe & { turn: number }>(database.prisma, ranked, {
      limit: 4,
      returning: Prisma.sql`id, picked.turn::int as turn`,
    });
    expect(rows.toSorted((a, b) => a.turn - b.turn || a.id - b.id)).toEqual([
      { id: 1, turn: 1 },
      { id: 2, turn: 1 },
      { id: 3, turn: 1 },
      { id: 4, turn: 2 },
    ]);
  });

  it.runIf(process.env.TEST_DATABASE === 'postgres')(
    'skips rows another claim holds locked instead of waiting for them',
    async () => {
      await addProbes(4);
      let heldIds: number[] = [];
      let otherIds: number[] = [];
      await database.prisma.$transaction(async (tx) => {
        heldIds = (await claimLeased<Probe>(tx, probes(), { limit: 2, returning })).map((row) => row.id);
        // Outside the open transaction, which still holds rows 1 and 2 locked and leased.
        otherIds = (await claimLeased<Probe>(database.prisma, probes(), { limit: 4, returning })).map((row) => row.id);
      });
      expect(heldIds.toSorted()).toEqual([1, 2]);
      expect(otherIds.toSorted()).toEqual([3, 4]);
    },
  );

  it('refuses a name that is not a plain identifier', async () => {
    await expect(
      claimLeased(database.prisma, { ...probes(), table: 'LeaseProbe"; drop table x; --' }, { limit: 1, returning }),
    ).rejects.toThrow('not an identifier');
  });
});

describe('after a failed attempt', () => {
  it('retries with a growing, jittered delay and gives up at the last attempt', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const policy = (attempts: number) =>
      afterFailedAttempt({ attempts, maxAttempts: 4, baseMs: 1000, capMs: 5000, now });
    for (const [attempts, delayMs] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 5000],
    ] as const) {
      const { last, nextAttemptAt } = policy(attempts);
      expect(last).toBe(attempts === 4);
      const waited = nextAttemptAt.getTime() - now.getTime();
      expect(waited).toBeGreaterThanOrEqual(delayMs);
      expect(waited).toBeLessThanOrEqual(Math.ceil(delayMs * 1.2));
    }
    expect(policy(5).last).toBe(true);
  });
});
