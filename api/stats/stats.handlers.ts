import type { AppRouteHandler } from '../lib/app-context.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import { assertProgramAccess, assertReleaseAccess } from '../lib/program-access.ts';
import { clustersCsv } from './clusters-csv.ts';
import { listClusters } from './list-clusters.ts';
import { readLeaderboard } from './read-leaderboard.ts';
import { readMyRecognition } from './read-my-recognition.ts';
import { readProgramStats } from './read-program-stats.ts';
import { readReleaseStats } from './read-release-stats.ts';
import { setLeaderboardVisibility } from './set-leaderboard-visibility.ts';
import type {
  listClustersRoute,
  readMyRecognitionRoute,
  readProgramLeaderboardRoute,
  readProgramStatsRoute,
  readReleaseLeaderboardRoute,
  readReleaseStatsRoute,
  setLeaderboardVisibilityRoute,
} from './stats.routes.ts';

export const readReleaseStatsHandler: AppRouteHandler<typeof readReleaseStatsRoute> = async (c) => {
  const releaseId = c.req.valid('param').id;
  await assertReleaseAccess(c.var.deps.prisma, c.var.user, releaseId);
  return c.json(await readReleaseStats({ prisma: c.var.deps.prisma, releaseId }), 200);
};

export const readProgramStatsHandler: AppRouteHandler<typeof readProgramStatsRoute> = async (c) => {
  const programId = c.req.valid('param').id;
  await assertProgramAccess(c.var.deps.prisma, c.var.user, programId);
  return c.json(await readProgramStats({ prisma: c.var.deps.prisma, programId }), 200);
};

/** A program's name as part of a file name: letters and digits, words joined by "-" ("acme-desktop-mvps"). */
function fileNamePart(name: string): string {
  const words =
    name
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join('-').slice(0, 60).replace(/-$/, '') || 'program';
}

export const listClustersHandler: AppRouteHandler<typeof listClustersRoute> = async (c) => {
  const programId = c.req.valid('param').id;
  const query = c.req.valid('query');
  await assertProgramAccess(c.var.deps.prisma, c.var.user, programId);
  const csv = query.format === 'csv';
  const list = await listClusters({ prisma: c.var.deps.prisma, programId, query, all: csv });
  if (!csv) return c.json(list, 200);
  const program = await c.var.deps.prisma.program.findUnique({ where: { id: programId }, select: { name: true } });
  const fileName = `clusters-${fileNamePart(program?.name ?? '')}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(clustersCsv(list.items), {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': contentDisposition({ inline: false, fileName }),
      'cache-control': 'private, no-store',
    },
  });
};

export const readReleaseLeaderboardHandler: AppRouteHandler<typeof readReleaseLeaderboardRoute> = async (c) =>
  c.json(
    await readLeaderboard({
      prisma: c.var.deps.prisma,
      user: c.var.user,
      scope: { kind: 'release', releaseId: c.req.valid('param').id },
    }),
    200,
  );

export const readProgramLeaderboardHandler: AppRouteHandler<typeof readProgramLeaderboardRoute> = async (c) =>
  c.json(
    await readLeaderboard({
      prisma: c.var.deps.prisma,
      user: c.var.user,
      scope: { kind: 'program', programId: c.req.valid('param').id },
    }),
    200,
  );

export const readMyRecognitionHandler: AppRouteHandler<typeof readMyRecognitionRoute> = async (c) =>
  c.json(await readMyRecognition({ prisma: c.var.deps.prisma, user: c.var.user }), 200);

export const setLeaderboardVisibilityHandler: AppRouteHandler<typeof setLeaderboardVisibilityRoute> = async (c) => {
  const visibility = await setLeaderboardVisibility({
    prisma: c.var.deps.prisma,
    userId: c.var.user.id,
    showOnLeaderboard: c.req.valid('json').showOnLeaderboard,
  });
  c.var.logger.info({ userId: c.var.user.id, ...visibility }, 'leaderboard visibility changed');
  return c.json(visibility, 200);
};
