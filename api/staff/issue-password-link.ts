import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { staffRoles } from '../lib/roles.ts';
import { sendPasswordLink } from './send-password-link.ts';
import type { PasswordLink, StaffMember } from './staff.schemas.ts';

/**
 * A new single-use link for a staff member to choose a password, e-mailed to them; earlier unused
 * links stop working.
 */
export async function issuePasswordLink(options: {
  prisma: PrismaClient;
  publicUrl: string;
  smtpConfigured: boolean;
  id: string;
}): Promise<PasswordLink> {
  return options.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: options.id },
      select: { id: true, email: true, name: true, role: true, disabledAt: true },
    });
    if (!user || !(staffRoles as readonly string[]).includes(user.role))
      throw new AppError('not_found', { detail: 'No such staff member.' });
    if (user.disabledAt)
      throw new AppError('conflict', { detail: 'Enable the account before sending it a password link.' });
    await tx.accountToken.deleteMany({ where: { userId: options.id, purpose: 'set_password', usedAt: null } });
    return sendPasswordLink(tx, {
      member: { ...user, role: user.role as StaffMember['role'] },
      occasion: 'new_link',
      publicUrl: options.publicUrl,
      smtpConfigured: options.smtpConfigured,
    });
  });
}
