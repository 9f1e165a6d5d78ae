import type { PrismaClient } from '../generated/prisma/client.ts';
import { takeToken, takeTokensOrRefuse } from '../lib/token-bucket.ts';

// Applying through a join link is open to anyone and sends an e-mail, so it is rationed three ways:
// - caller's address: 10, then one a minute (an office behind one address can still apply together);
// - link: 100, then one every 20 s (about 4,000 a day), bounding what one published link can send
//   however many addresses are used;
// - e-mail address: 3, then one every 20 minutes, across every link, so nobody's mailbox can be
//   filled with confirmation requests.
export const joinLimits = {
  caller: { capacity: 10, perSecond: 1 / 60 },
  link: { capacity: 100, perSecond: 1 / 20 },
  mailbox: { capacity: 3, perSecond: 1 / 1200 },
} as const;

/** Takes the caller's and the link's tokens; 429 with Retry-After when either is spent. */
export async function takeApplyTokens(prisma: PrismaClient, options: { ip: string; releaseId: string }) {
  await takeTokensOrRefuse(
    prisma,
    [
      { key: `join-caller:${options.ip}`, ...joinLimits.caller },
      { key: `join-link:${options.releaseId}`, ...joinLimits.link },
    ],
    (seconds) => `Too many applications at the moment. Try again in ${seconds} seconds.`,
  );
}

/**
 * Whether the mailbox may get another confirmation request now. Its limit is never answered with a
 * 429: that would tell anyone who asks that the address applied recently.
 */
export async function takeMailboxToken(prisma: PrismaClient, email: string): Promise<boolean> {
  return (await takeToken(prisma, { key: `join-mailbox:${email}`, ...joinLimits.mailbox })).taken;
}
