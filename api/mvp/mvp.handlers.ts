import type { AppRouteHandler } from '../lib/app-context.ts';
import { acceptProgramTerms } from './accept-program-terms.ts';
import { getMvpProfile } from './get-mvp-profile.ts';
import { listMyReleases } from './list-my-releases.ts';
import { listPendingTerms } from './list-pending-terms.ts';
import type {
  acceptProgramTermsRoute,
  getMvpProfileRoute,
  listMyReleasesRoute,
  listPendingTermsRoute,
  updateMvpProfileRoute,
} from './mvp.routes.ts';
import { updateMvpProfile } from './update-mvp-profile.ts';

export const listPendingTermsHandler: AppRouteHandler<typeof listPendingTermsRoute> = async (c) =>
  c.json({ items: await listPendingTerms({ prisma: c.var.deps.prisma, user: c.var.user }) }, 200);

export const acceptProgramTermsHandler: AppRouteHandler<typeof acceptProgramTermsRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const acceptance = await acceptProgramTerms({
    prisma: c.var.deps.prisma,
    user: c.var.user,
    programId: id,
    version: c.req.valid('json').version,
    ip: c.var.clientIp,
  });
  c.var.logger.info({ programId: id, userId: c.var.user.id, version: acceptance.version }, 'terms accepted');
  return c.json(acceptance, 201);
};

export const getMvpProfileHandler: AppRouteHandler<typeof getMvpProfileRoute> = async (c) =>
  c.json(await getMvpProfile({ prisma: c.var.deps.prisma, userId: c.var.user.id }), 200);

export const updateMvpProfileHandler: AppRouteHandler<typeof updateMvpProfileRoute> = async (c) =>
  c.json(await updateMvpProfile({ prisma: c.var.deps.prisma, userId: c.var.user.id, ...c.req.valid('json') }), 200);

export const listMyReleasesHandler: AppRouteHandler<typeof listMyReleasesRoute> = async (c) =>
  c.json(await listMyReleases({ prisma: c.var.deps.prisma, user: c.var.user }), 200);
