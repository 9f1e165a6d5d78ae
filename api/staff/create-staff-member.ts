import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { createOneTimeLink } from '../lib/one-time-link.ts';
import type { StaffMember } from './staff.schemas.ts';
import { staffMemberSelect, toStaffMember } from './staff-member-view.ts';

export const passwordLinkTtlMinutes = 72 * 60;

/** Creates a staff account without a password, and the single-use link to choose one. */
export async function createStaffMember(options: {
  prisma: PrismaClient;
  publicUrl: string;
  email: string;
  name: string;
  role: StaffMember['role'];
}): Promise<{ member: StaffMember; passwordLink: { url: string; expiresAt: string } }> {
  return options.prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: options.email }, select: { id: true } });
    if (existing)
      throw new AppError('conflict', { fields: [{ field: 'email', message: 'An account with this e-mail exists' }] });
    const row = await tx.user.create({
      data: { email: options.email, name: options.name, role: options.role },
      select: staffMemberSelect,
    });
    const link = await createOneTimeLink(tx, {
      purpose: 'set_password',
      userId: row.id,
      ttlMinutes: passwordLinkTtlMinutes,
      publicUrl: options.publicUrl,
    });
    return { member: toStaffMember(row), passwordLink: { url: link.url, expiresAt: link.expiresAt.toISOString() } };
  });
}
