import type { PrismaClient } from '../generated/prisma/client.ts';
import { getMvpProfile } from '../mvp/get-mvp-profile.ts';

/** Whether the MVP's handle shows on public leaderboards; they always see their own rank. */
export async function setLeaderboardVisibility(options: {
  prisma: PrismaClient;
  userId: string;
  showOnLeaderboard: boolean;
}): Promise<{ showOnLeaderboard: boolean }> {
  const { prisma, userId, showOnLeaderboard } = options;
  await getMvpProfile({ prisma, userId });
  return prisma.mvpProfile.update({
    where: { userId },
    data: { showOnLeaderboard },
    select: { showOnLeaderboard: true },
  });
}
