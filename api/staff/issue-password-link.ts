import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { createOneTimeLink } from '../lib/one-time-link.ts';
import { passwordLinkTtlMinutes } from './create-staff-member.ts';
import { staffRoles } from './staff.schemas.ts';

/** A new single-use link for a staff member to choose a password; earlier unused links stop working. */
export async function issuePasswordLink(options: {
  prisma: PrismaClient;
  publicUrl: string;
  id: string;
}): Promise<{ url: string; expiresAt: string }> {
  return options.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.id }, select: { role: true, disabledAt: true } });
    if (!user || !(staffRoles as readonly string[]).includes(user.role))
      throw new AppError('not_found', { detail: 'No such staff member.' });
    if (user.disabledAt)
      throw new AppError('conflict', { detail: 'Enable the account before sending it a password link.' });
    await tx.accountToken.deleteMany({ where: { userId: options.id, purpose: 'set_password', usedAt: null } });
    const link = await createOneTimeLink(tx, {
      purpose: 'set_password',
      userId: options.id,
      ttlMinutes: passwordLinkTtlMinutes,
      publicUrl: options.publicUrl,
    });
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  });
}
