import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertProgramVisible, assertReleaseVisible } from '../lib/release-access.ts';
import { readStandings } from './leaderboard-standings.ts';
import { badgeDefinitions, badgeIds, type Leaderboard, leaderboardWeights } from './stats.schemas.ts';

export const anonymousMvp = 'anonymous MVP';

export const badgeList = () => badgeIds.map((id) => ({ id, ...badgeDefinitions[id] }));

/**
 * The public board of a release (or of the whole program): customers only, by handle only. An MVP
 * who keeps their handle off the board shows as "anonymous MVP" to everyone but themselves; MVPs
 * read the boards of releases and programs they take part in (404 for others).
 */
export async function readLeaderboard(options: {
  prisma: PrismaClient;
  user: SessionUser;
  scope: { kind: 'release'; releaseId: string } | { kind: 'program'; programId: string };
}): Promise<Leaderboard> {
  const { prisma, user, scope } = options;
  let programId: string;
  let releaseId: string | null = null;
  if (scope.kind === 'release') {
    ({ programId } = await assertReleaseVisible(prisma, user, scope.releaseId));
    releaseId = scope.releaseId;
  } else {
    await assertProgramVisible(prisma, user, scope.programId);
    programId = scope.programId;
  }
  const standings = await readStandings(prisma, { programId, releaseId });
  return {
    programId,
    releaseId,
    weights: { ...leaderboardWeights },
    badges: badgeList(),
    // Someone with co-finds only has no score: they are not on the board (leaderboardWeights).
    entries: standings
      .filter((standing) => standing.score > 0)
      .map((standing) => {
        const you = standing.userId === user.id;
        const shown = you || standing.showOnLeaderboard;
        return {
          rank: standing.rank,
          handle: shown ? standing.handle : null,
          displayName: shown ? (standing.handle ?? anonymousMvp) : anonymousMvp,
          you,
          score: standing.score,
          finds: standing.finds,
          coFinds: standing.coFinds,
          customerOnlyFinds: standing.customerOnlyFinds,
          badges: standing.badges,
        };
      }),
  };
}
