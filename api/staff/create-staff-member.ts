import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { sendPasswordLink } from './send-password-link.ts';
import type { PasswordLink, StaffMember } from './staff.schemas.ts';
import { staffMemberSelect, toStaffMember } from './staff-member-view.ts';

/** Creates a staff account without a password, and the single-use link to choose one, e-mailed to them. */
export async function createStaffMember(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  publicUrl: string;
  smtpConfigured: boolean;
  email: string;
  name: string;
  role: StaffMember['role'];
}): Promise<{ member: StaffMember; passwordLink: PasswordLink }> {
  return options.prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: options.email }, select: { id: true } });
    if (existing)
      throw new AppError('conflict', { fields: [{ field: 'email', message: 'An account with this e-mail exists' }] });
    const row = await tx.user.create({
      data: { email: options.email, name: options.name, role: options.role },
      select: staffMemberSelect,
    });
    const member = toStaffMember(row);
    // The account is the subject; its name and e-mail stay out of the trail.
    await recordAudit(tx, {
      actor: options.actor,
      action: 'staff.invited',
      subjectType: 'user',
      subjectId: member.id,
      after: { role: member.role },
    });
    const passwordLink = await sendPasswordLink(tx, {
      member,
      occasion: 'new_account',
      publicUrl: options.publicUrl,
      smtpConfigured: options.smtpConfigured,
    });
    return { member, passwordLink };
  });
}
