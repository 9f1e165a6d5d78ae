import type { PrismaClient } from '../generated/prisma/client.ts';
import { createOneTimeLink } from '../lib/one-time-link.ts';
import { queueMessage } from '../lib/queue-message.ts';
import { passwordResetMessage } from './auth-messages.ts';
import { takePasswordResetTokens } from './password-reset-throttle.ts';

export const passwordResetTtlMinutes = 60;

// Matches no account: the voiding statement runs for unknown addresses too.
const noAccount = '00000000-0000-0000-0000-000000000000';

/**
 * Someone who forgot their password asks for a link by e-mail. The caller learns nothing of whether
 * an account has the address: an enabled account gets a single-use link (its earlier unused reset
 * links stop working), an unknown or disabled one gets nothing, and the answer is the same. Both run
 * the same statements up to writing the link and its e-mail, so timing tells little either.
 */
export async function requestPasswordReset(options: {
  prisma: PrismaClient;
  smtpConfigured: boolean;
  publicUrl: string;
  ip: string;
  email: string;
}): Promise<{ mailed: boolean }> {
  const { prisma, email } = options;
  await takePasswordResetTokens(prisma, { ip: options.ip, email });
  return prisma.$transaction(async (tx) => {
    // Locked, so two requests at once leave one working link, not two.
    const [account] = await tx.$queryRaw<{ id: string; disabledAt: Date | null }[]>`
      select id, "disabledAt" from "User" where email = ${email} for no key update`;
    await tx.accountToken.deleteMany({
      where: { userId: account?.id ?? noAccount, purpose: 'password_reset', usedAt: null },
    });
    if (!account || account.disabledAt) return { mailed: false };
    const link = await createOneTimeLink(tx, {
      purpose: 'password_reset',
      userId: account.id,
      ttlMinutes: passwordResetTtlMinutes,
      publicUrl: options.publicUrl,
    });
    await queueMessage(tx, {
      smtpConfigured: options.smtpConfigured,
      message: passwordResetMessage({ to: email, url: link.url, ttlMinutes: passwordResetTtlMinutes }),
    });
    return { mailed: true };
  });
}
