import type { AppRouteHandler } from '../lib/app-context.ts';
import { assertProgramAccess, assertReleaseAccess } from '../lib/program-access.ts';
import { createRelease } from './create-release.ts';
import { getRelease } from './get-release.ts';
import { listReleases } from './list-releases.ts';
import type { createReleaseRoute, getReleaseRoute, listReleasesRoute, updateReleaseRoute } from './releases.routes.ts';
import { updateRelease } from './update-release.ts';

export const listReleasesHandler: AppRouteHandler<typeof listReleasesRoute> = async (c) => {
  const { prisma } = c.var.deps;
  const items = await listReleases({ prisma, user: c.var.user, programId: c.req.valid('param').id });
  return c.json({ items }, 200);
};

export const createReleaseHandler: AppRouteHandler<typeof createReleaseRoute> = async (c) => {
  const { id } = c.req.valid('param');
  await assertProgramAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const release = await createRelease({
    prisma: c.var.deps.prisma,
    actor: c.var.user,
    programId: id,
    ...c.req.valid('json'),
  });
  c.var.logger.info({ programId: id, releaseId: release.id, by: c.var.user.id }, 'release created');
  return c.json(release, 201);
};

export const getReleaseHandler: AppRouteHandler<typeof getReleaseRoute> = async (c) =>
  c.json(await getRelease({ prisma: c.var.deps.prisma, user: c.var.user, id: c.req.valid('param').id }), 200);

export const updateReleaseHandler: AppRouteHandler<typeof updateReleaseRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const changes = c.req.valid('json');
  await assertReleaseAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const release = await updateRelease({ prisma: c.var.deps.prisma, actor: c.var.user, id, changes });
  c.var.logger.info(
    { releaseId: id, by: c.var.user.id, fields: Object.keys(changes), status: release.status },
    'release updated',
  );
  return c.json(release, 200);
};
