import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { readTermsStanding } from '../lib/terms-standing.ts';
import { getMvpProfile } from '../mvp/get-mvp-profile.ts';
import { readStandings, type StandingRow } from './leaderboard-standings.ts';
import { badgeList } from './read-leaderboard.ts';
import { leaderboardWeights, type MyRecognition, type Standing } from './stats.schemas.ts';

const standingOf = (row: StandingRow | undefined, ranked: number): Standing => ({
  rank: row && row.score > 0 ? row.rank : null,
  ranked,
  score: row?.score ?? 0,
  finds: row?.finds ?? 0,
  coFinds: row?.coFinds ?? 0,
  customerOnlyFinds: row?.customerOnlyFinds ?? 0,
  badges: row?.badges ?? [],
});

/**
 * The MVP's own figures, rank and badges in each program they take part in (terms accepted), overall
 * and per release they were enrolled in. Other customers appear only as the count of the board.
 */
export async function readMyRecognition(options: { prisma: PrismaClient; user: SessionUser }): Promise<MyRecognition> {
  const { prisma, user } = options;
  // An account made some other way than an invitation gets its profile (and handle) here.
  await getMvpProfile({ prisma, userId: user.id });
  const profile = await prisma.mvpProfile.findUniqueOrThrow({
    where: { userId: user.id },
    select: { handle: true, showOnLeaderboard: true },
  });
  const { acceptedProgramIds } = await readTermsStanding(prisma, user);
  const enrolments = await prisma.enrolment.findMany({
    where: {
      userId: user.id,
      status: { in: ['active', 'completed'] },
      release: { programId: { in: acceptedProgramIds } },
    },
    orderBy: [{ release: { testStart: 'asc' } }, { releaseId: 'asc' }],
    select: { release: { select: { id: true, version: true, program: { select: { id: true, name: true } } } } },
    distinct: ['releaseId'],
  });
  const programs = new Map<string, { name: string; releases: { id: string; version: string }[] }>();
  for (const { release } of enrolments) {
    const entry = programs.get(release.program.id) ?? { name: release.program.name, releases: [] };
    entry.releases.push({ id: release.id, version: release.version });
    programs.set(release.program.id, entry);
  }

  const result: MyRecognition['programs'] = [];
  for (const [programId, program] of [...programs].sort((a, b) => a[1].name.localeCompare(b[1].name))) {
    const standings = await readStandings(prisma, { programId, releaseId: null, perRelease: true });
    const board = (releaseId: string | null) => standings.filter((row) => row.releaseId === releaseId);
    const mine = (releaseId: string | null) => {
      const rows = board(releaseId);
      return standingOf(
        rows.find((row) => row.userId === user.id),
        rows[0]?.ranked ?? 0,
      );
    };
    result.push({
      programId,
      programName: program.name,
      overall: mine(null),
      releases: program.releases.map((release) => ({
        releaseId: release.id,
        releaseVersion: release.version,
        standing: mine(release.id),
      })),
    });
  }
  return {
    handle: profile.handle,
    showOnLeaderboard: profile.showOnLeaderboard,
    weights: { ...leaderboardWeights },
    badges: badgeList(),
    programs: result,
  };
}
