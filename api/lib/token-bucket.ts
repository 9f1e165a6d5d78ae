import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from './app-error.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** A bucket holds up to `capacity` tokens and gains `perSecond` of one back as time passes. */
export type BucketLimit = { capacity: number; perSecond: number };
export type Bucket = BucketLimit & { key: string };

// Buckets live in the `LoginThrottle` table so every API process shares them. A row stores the level
// at `updatedAt`; the level now is computed from the time since, so nothing has to refill rows.

/**
 * The statement that takes one token, making the bucket (full) if it has no row yet: it returns a
 * row only when a token was taken. One conditional statement, so parallel requests cannot take the
 * same token; callers whose own statement must stay one round trip (filing) run it as a CTE.
 */
export function takeTokenStatement(bucket: Bucket): Prisma.Sql {
  const { key, capacity } = bucket;
  const level = levelNow(bucket);
  return Prisma.sql`
    insert into "LoginThrottle" (key, tokens, "updatedAt") values (${key}, ${capacity - 1}, now())
    on conflict (key) do update set
      tokens = ${level} - 1,
      "updatedAt" = greatest(now(), "LoginThrottle"."updatedAt")
    where ${level} >= 1
    returning tokens`;
}

/**
 * The bucket's level now. `now()` is when the caller's transaction began, which can be before the
 * row was last written by a request that committed meanwhile: the time since then counts as zero,
 * never as negative (which would leave the bucket short of the token a parallel request gave back),
 * and `updatedAt` never moves backwards.
 */
function levelNow({ capacity, perSecond }: BucketLimit): Prisma.Sql {
  return Prisma.sql`least(${capacity}::float8, "LoginThrottle".tokens + greatest(0::float8, extract(epoch from now() - "LoginThrottle"."updatedAt")::float8) * ${perSecond}::float8)`;
}

/** Seconds until the bucket holds a whole token again (at least one). */
export async function secondsUntilToken(db: Db, bucket: Bucket): Promise<number> {
  const { key, perSecond } = bucket;
  const [state] = await db.$queryRaw<{ level: number }[]>`
    select ${levelNow(bucket)} as level from "LoginThrottle" where key = ${key}`;
  return Math.max(1, (1 - (state?.level ?? 0)) / perSecond);
}

/** Takes one token (see takeTokenStatement); answers the seconds until a token is due when empty. */
export async function takeToken(
  db: Db,
  bucket: Bucket,
): Promise<{ taken: true } | { taken: false; waitSeconds: number }> {
  const taken = await db.$queryRaw<{ tokens: number }[]>(takeTokenStatement(bucket));
  if (taken.length > 0) return { taken: true };
  return { taken: false, waitSeconds: await secondsUntilToken(db, bucket) };
}

/** Takes one token from each bucket in turn; the first empty one stops the request with a 429. */
export async function takeTokensOrRefuse(db: Db, buckets: Bucket[], detail: (waitSeconds: number) => string) {
  for (const bucket of buckets) {
    const result = await takeToken(db, bucket);
    if (!result.taken)
      throw new AppError('rate_limited', {
        detail: detail(Math.ceil(result.waitSeconds)),
        retryAfterSeconds: result.waitSeconds,
      });
  }
}

/** Gives back a token taken by a request that turned out legitimate; never above the capacity. */
export async function giveBackToken(db: Db, bucket: Bucket): Promise<void> {
  await db.$executeRaw`update "LoginThrottle" set tokens = least(${bucket.capacity}::float8, tokens + 1) where key = ${bucket.key}`;
}

/** Fills the bucket, making it if needed. */
export async function fillBucket(db: Db, bucket: Bucket): Promise<void> {
  await db.$executeRaw`
    insert into "LoginThrottle" (key, tokens, "updatedAt") values (${bucket.key}, ${bucket.capacity}, now())
    on conflict (key) do update set tokens = ${bucket.capacity}, "updatedAt" = now()`;
}

/** Whether the bucket's row exists and was used within the last `days` days. */
export async function bucketUsedWithin(db: Db, key: string, days: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    select key from "LoginThrottle" where key = ${key} and "updatedAt" > now() - make_interval(days => ${days}::int)`;
  return rows.length > 0;
}
