import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';

// Token buckets kept in the database so every API process shares them. An account allows a burst
// of 5 wrong passwords, then one a minute: an attacker gets few guesses, the owner waits a minute
// at most. An address allows 20, then one every 15 s, against guessing across many accounts.
export const signInLimits = {
  account: { capacity: 5, perSecond: 1 / 60 },
  address: { capacity: 20, perSecond: 1 / 15 },
} as const;

type Bucket = { key: string; capacity: number; perSecond: number };

function buckets(email: string, ip: string): Bucket[] {
  return [
    { key: `account:${email}`, ...signInLimits.account },
    { key: `address:${ip}`, ...signInLimits.address },
  ];
}

/**
 * Takes one token from each bucket before the password is checked, so parallel guesses cannot
 * all slip past the check; a correct password gives them back.
 */
export async function takeSignInTokens(prisma: PrismaClient, email: string, ip: string): Promise<void> {
  for (const bucket of buckets(email, ip)) {
    const taken = await prisma.$queryRaw<{ tokens: number }[]>`
      insert into "LoginThrottle" (key, tokens, "updatedAt") values (${bucket.key}, ${bucket.capacity - 1}, now())
      on conflict (key) do update set
        tokens = least(${bucket.capacity}::float8, "LoginThrottle".tokens + extract(epoch from now() - "LoginThrottle"."updatedAt") * ${bucket.perSecond}::float8) - 1,
        "updatedAt" = now()
      where least(${bucket.capacity}::float8, "LoginThrottle".tokens + extract(epoch from now() - "LoginThrottle"."updatedAt") * ${bucket.perSecond}::float8) >= 1
      returning tokens`;
    if (taken.length === 0) {
      const [state] = await prisma.$queryRaw<{ level: number }[]>`
        select least(${bucket.capacity}::float8, tokens + extract(epoch from now() - "updatedAt") * ${bucket.perSecond}::float8) as level
        from "LoginThrottle" where key = ${bucket.key}`;
      const retryAfterSeconds = Math.max(1, (1 - (state?.level ?? 0)) / bucket.perSecond);
      throw new AppError('rate_limited', {
        detail: `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds)} seconds.`,
        retryAfterSeconds,
      });
    }
  }
}

/** After a correct password: the account starts afresh and the address gets its token back. */
export async function returnSignInTokens(prisma: PrismaClient, email: string, ip: string): Promise<void> {
  const [account, address] = buckets(email, ip);
  await prisma.$transaction([
    prisma.loginThrottle.deleteMany({ where: { key: account!.key } }),
    prisma.$executeRaw`update "LoginThrottle" set tokens = least(${address!.capacity}::float8, tokens + 1) where key = ${address!.key}`,
  ]);
}
