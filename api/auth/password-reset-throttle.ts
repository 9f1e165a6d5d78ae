import type { PrismaClient } from '../generated/prisma/client.ts';
import { takeTokensOrRefuse } from '../lib/token-bucket.ts';

// Asking for a password reset is open to anyone and sends an e-mail, so it is rationed two ways:
// - caller's address: 10, then one a minute, against one address sending resets to many mailboxes;
// - e-mail address: 3, then one every 15 minutes, so nobody's mailbox can be filled with reset links.
// Both answer 429. The e-mail address's bucket is taken whether or not an account has the address, so
// its refusal tells only that someone asked for this address lately, never that an account exists.
export const passwordResetLimits = {
  address: { capacity: 10, perSecond: 1 / 60 },
  mailbox: { capacity: 3, perSecond: 1 / 900 },
} as const;

/** Takes the caller's and the mailbox's tokens, the caller's first; 429 with Retry-After when either is spent. */
export async function takePasswordResetTokens(prisma: PrismaClient, options: { ip: string; email: string }) {
  await takeTokensOrRefuse(
    prisma,
    [
      { key: `reset-address:${options.ip}`, ...passwordResetLimits.address },
      { key: `reset-mailbox:${options.email}`, ...passwordResetLimits.mailbox },
    ],
    (seconds) => `Too many requests for a password link. Try again in ${seconds} seconds.`,
  );
}
