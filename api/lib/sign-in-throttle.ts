import type { PrismaClient } from '../generated/prisma/client.ts';
import { type Bucket, bucketUsedWithin, fillBucket, giveBackToken, takeTokensOrRefuse } from './token-bucket.ts';

// Every check of an account's password (signing in, accepting an invitation with an existing account,
// changing the password) draws on the same token buckets.
//
// - address: 20, then one every 15 s, against one address guessing across many accounts.
// - account: 5 wrong passwords, then one a minute, shared by every address the account has not
//   signed in from: however many addresses an attacker uses, they get these few guesses.
// - known address: an address the account signed in from within the last 30 days has a bucket of its
//   own for that account (5, then one a minute) instead, so the owner at home or at the office is not
//   locked out by an attacker who keeps the shared bucket empty. An attacker at that very address gets
//   no more than the shared rate.
//
// A success gives back only the token it took: wiping the account's count would let an attacker
// interleave guesses with the owner's sign-ins and never be stopped.
export const signInLimits = {
  account: { capacity: 5, perSecond: 1 / 60 },
  knownAddress: { capacity: 5, perSecond: 1 / 60 },
  address: { capacity: 20, perSecond: 1 / 15 },
} as const;

const knownForDays = 30;

/** The buckets a password check took its tokens from, to give them back if the password was right. */
export type SignInTokens = { address: Bucket; account: Bucket; knownAddress: Bucket; fromKnownAddress: boolean };

/**
 * Takes a token from the address's bucket and from the account's (the shared one, or the one for this
 * known address) before the password is checked, so parallel guesses cannot all slip past the check.
 */
export async function takeSignInTokens(prisma: PrismaClient, email: string, ip: string): Promise<SignInTokens> {
  const knownAddress = { key: `account-address:${email}|${ip}`, ...signInLimits.knownAddress };
  const fromKnownAddress = await bucketUsedWithin(prisma, knownAddress.key, knownForDays);
  const tokens = {
    address: { key: `address:${ip}`, ...signInLimits.address },
    account: fromKnownAddress ? knownAddress : { key: `account:${email}`, ...signInLimits.account },
    knownAddress,
    fromKnownAddress,
  };
  // The address first: a caller already refused for its address spends nothing of the account's.
  await takeTokensOrRefuse(
    prisma,
    [tokens.address, tokens.account],
    (seconds) => `Too many sign-in attempts. Try again in ${seconds} seconds.`,
  );
  return tokens;
}

/** After a correct password: the tokens taken come back, and the address becomes known to the account. */
export async function returnSignInTokens(prisma: PrismaClient, tokens: SignInTokens): Promise<void> {
  await giveBackToken(prisma, tokens.address);
  await giveBackToken(prisma, tokens.account);
  if (!tokens.fromKnownAddress) await fillBucket(prisma, tokens.knownAddress);
}
