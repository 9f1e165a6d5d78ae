import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { retryDelay } from './backoff.ts';

// The one claim protocol of Fieldtest's background work kept in tables (mail, webhook deliveries,
// reconciliation, outbound sync jobs): due rows are locked with FOR UPDATE SKIP LOCKED, so processes
// claim side by side without waiting on or taking each other's rows, and leased in the same
// statement, so a row stays with its claimer after commit until the lease ends; a claimer that died
// leaves it to be taken over then. A failed attempt is retried with the one back-off, or given up.

/** A table worked as a queue. Names are constants written in code, never input. */
export type LeasedQueue = {
  table: string;
  key: string;
  /** Set to the lease's end at each claim. `due` must leave out rows whose lease has not ended. */
  lease: string;
  /** Counted up at each claim; left out where only failures count (sync jobs: rate-limit waits do not). */
  attempts?: string;
  leaseMs: number;
  /**
   * Which rows may be claimed, over the table's columns (qualified by the table's name where a join
   * makes a name ambiguous); a row locked by another claim is skipped, not waited for.
   */
  due: Prisma.Sql;
  order: Prisma.Sql;
  /**
   * For an order the table alone cannot give (a window function, which cannot sit beside a row
   * lock, counted one statement level below): common table expressions put before the pick
   * (`name as (…)`), what the pick joins of them, and their columns it passes on, which `returning`
   * reads as `picked.<name>`.
   */
  ranked?: { ctes: Prisma.Sql; join: Prisma.Sql; columns: Prisma.Sql };
};

/**
 * Claims up to `limit` due rows in one statement: locks them (skipping rows other claims hold),
 * sets their lease to end `leaseMs` from now, counts an attempt, applies `set`, and returns
 * `returning` of each (in no order). `now` is the database's clock unless given.
 */
export async function claimLeased<Row>(
  db: PrismaClient | Prisma.TransactionClient,
  queue: LeasedQueue,
  claim: { limit: number; returning: Prisma.Sql; set?: Prisma.Sql; now?: Date },
): Promise<Row[]> {
  const table = identifier(queue.table);
  const key = identifier(queue.key);
  const leaseUntil = claim.now
    ? Prisma.sql`${new Date(claim.now.getTime() + queue.leaseMs)}::timestamp(3)`
    : Prisma.sql`now() + make_interval(secs => ${queue.leaseMs / 1000})`;
  const sets = [Prisma.sql`${identifier(queue.lease)} = ${leaseUntil}`];
  if (queue.attempts) {
    const attempts = identifier(queue.attempts);
    sets.push(Prisma.sql`${attempts} = ${attempts} + 1`);
  }
  if (claim.set) sets.push(claim.set);
  const { ranked } = queue;
  return db.$queryRaw<Row[]>`
    with ${ranked ? Prisma.sql`${ranked.ctes},` : Prisma.empty} picked as (
      select ${table}.${key} as "leasedKey"${ranked ? Prisma.sql`, ${ranked.columns}` : Prisma.empty}
        from ${table} ${ranked ? ranked.join : Prisma.empty}
       where ${queue.due}
       order by ${queue.order}
       limit ${claim.limit}
         for update of ${table} skip locked
    )
    update ${table} set ${Prisma.join(sets, ', ')}
      from picked
     where ${table}.${key} = picked."leasedKey"
    returning ${claim.returning}`;
}

/**
 * After a failed attempt (`attempts` counts it): whether it was the last of `maxAttempts`, and when
 * to try again, the one back-off with jitter from `baseMs` up to `capMs`.
 */
export function afterFailedAttempt(options: {
  attempts: number;
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  now?: Date;
}): { last: boolean; nextAttemptAt: Date } {
  const now = options.now ?? new Date();
  return {
    last: options.attempts >= options.maxAttempts,
    nextAttemptAt: new Date(now.getTime() + retryDelay(options.baseMs, options.attempts, options.capMs)),
  };
}

/** A quoted identifier; only ever a constant of the code (checked, so a slip fails loudly). */
function identifier(name: string): Prisma.Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
}
