import type { Prisma } from '../generated/prisma/client.ts';
import { createOneTimeLink } from '../lib/one-time-link.ts';
import { queueMessage } from '../lib/queue-message.ts';
import type { PasswordLink, StaffMember } from './staff.schemas.ts';
import { staffPasswordLinkMessage } from './staff-messages.ts';

export const passwordLinkTtlMinutes = 72 * 60;

/**
 * Makes a staff member's single-use link to choose a password and e-mails it to them, in the caller's
 * transaction; the admin is shown it too, for when the e-mail does not arrive.
 */
export async function sendPasswordLink(
  tx: Prisma.TransactionClient,
  options: {
    member: { id: string; email: string; name: string; role: StaffMember['role'] };
    occasion: 'new_account' | 'new_link';
    publicUrl: string;
    smtpConfigured: boolean;
  },
): Promise<PasswordLink> {
  const { member } = options;
  const link = await createOneTimeLink(tx, {
    purpose: 'set_password',
    userId: member.id,
    ttlMinutes: passwordLinkTtlMinutes,
    publicUrl: options.publicUrl,
  });
  await queueMessage(tx, {
    smtpConfigured: options.smtpConfigured,
    message: staffPasswordLinkMessage({
      to: member.email,
      name: member.name,
      role: member.role,
      url: link.url,
      ttlMinutes: passwordLinkTtlMinutes,
      occasion: options.occasion,
    }),
  });
  return {
    url: link.url,
    expiresAt: link.expiresAt.toISOString(),
    mail: { to: member.email, status: options.smtpConfigured ? 'pending' : 'held' },
  };
}
