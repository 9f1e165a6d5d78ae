import type { Prisma } from '../generated/prisma/client.ts';
import { queueMessage } from '../lib/queue-message.ts';
import { newToken } from '../lib/tokens.ts';
import { invitationMessage } from './enrolment-messages.ts';
import type { CohortRelease } from './lock-cohort.ts';

export const invitationTtlDays = 14;

/**
 * Sends each person a fresh single-use invitation link, voiding their earlier unused ones. The
 * database keeps only the token's SHA-256; the token travels in the URL fragment (as one-time
 * links do), which browsers never send to a server.
 */
export async function issueInvitations(
  tx: Prisma.TransactionClient,
  options: {
    release: CohortRelease;
    people: { enrolmentId: string; email: string; name: string }[];
    publicUrl: string;
    smtpConfigured: boolean;
  },
): Promise<void> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + invitationTtlDays * 24 * 60 * 60 * 1000);
  const enrolmentIds = options.people.map((person) => person.enrolmentId);
  await tx.invitation.updateMany({
    where: { enrolmentId: { in: enrolmentIds }, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const links = options.people.map((person) => ({ person, ...newToken() }));
  await tx.invitation.createMany({
    data: links.map(({ person, hash }) => ({ enrolmentId: person.enrolmentId, tokenHash: hash, expiresAt })),
  });
  for (const { person, token } of links) {
    await queueMessage(tx, {
      smtpConfigured: options.smtpConfigured,
      message: invitationMessage({
        to: person.email,
        name: person.name,
        release: options.release,
        url: `${options.publicUrl}/invitation#${token}`,
        expiresAt,
      }),
    });
  }
}
