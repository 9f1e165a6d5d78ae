import type { PrismaClient } from '../generated/prisma/client.ts';
import { inspectOneTimeLink } from '../lib/one-time-link.ts';

/** Tells the portal what a link is for before the person fills in a form behind it. */
export async function inspectLink(options: { prisma: PrismaClient; token: string }) {
  const link = await inspectOneTimeLink(options.prisma, options.token);
  return {
    purpose: link.purpose,
    email: link.user?.email ?? null,
    name: link.user?.name ?? null,
    expiresAt: link.expiresAt.toISOString(),
  };
}
