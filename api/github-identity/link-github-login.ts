import type { PrismaClient } from '../generated/prisma/client.ts';
import { attributeGithubReports, findGithubLoginHolder } from '../lib/github-logins.ts';

/**
 * Links the MVP's GitHub login (replacing an earlier one) and makes the issues that login opened
 * directly on GitHub theirs: customer reports from the moment they were opened, so the figures of
 * past releases follow. Reports already attributed stay as they are, so changing or unlinking the
 * login later keeps the history right. A login another MVP (or a staff member) holds is refused.
 */
export async function linkGithubLogin(options: {
  prisma: PrismaClient;
  userId: string;
  login: string;
}): Promise<{ outcome: 'linked'; reports: number } | { outcome: 'taken' | 'failed' }> {
  const { prisma, userId, login } = options;
  return prisma.$transaction(async (tx) => {
    if (await findGithubLoginHolder(tx, login, userId)) return { outcome: 'taken' as const };
    const linked = await tx.mvpProfile.updateMany({ where: { userId }, data: { githubLogin: login } });
    // An MVP gets a profile when they first join a release; before that there is nothing to link to.
    if (linked.count === 0) return { outcome: 'failed' as const };
    const reports = await attributeGithubReports(tx, { userId, login, asCustomer: true });
    return { outcome: 'linked' as const, reports };
  });
}

/** Forgets the linked login; the reports it already brought stay the MVP's. */
export async function unlinkGithubLogin(options: { prisma: PrismaClient; userId: string }): Promise<void> {
  await options.prisma.mvpProfile.updateMany({
    where: { userId: options.userId },
    data: { githubLogin: null },
  });
}
