import type { PrismaClient } from '../generated/prisma/client.ts';
import { createOneTimeLink } from '../lib/one-time-link.ts';

/**
 * While no admin exists, makes a fresh one-time link to create the first one and voids the
 * links printed before it, so only the newest link printed works. Returns null once an admin exists.
 */
export async function issueSetupLink(options: {
  prisma: PrismaClient;
  publicUrl: string;
  ttlMinutes: number;
}): Promise<{ url: string; expiresAt: Date } | null> {
  return options.prisma.$transaction(async (tx) => {
    const admins = await tx.user.count({ where: { role: 'admin' } });
    if (admins > 0) return null;
    await tx.accountToken.deleteMany({ where: { purpose: 'first_admin', usedAt: null } });
    return createOneTimeLink(tx, {
      purpose: 'first_admin',
      ttlMinutes: options.ttlMinutes,
      publicUrl: options.publicUrl,
    });
  });
}
