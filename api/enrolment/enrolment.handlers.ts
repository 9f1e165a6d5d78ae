import type { AppRouteHandler } from '../lib/app-context.ts';
import { assertEnrolmentAccess, assertReleaseAccess } from '../lib/program-access.ts';
import { approveApplication } from './approve-application.ts';
import { declineApplication } from './decline-application.ts';
import type {
  approveApplicationRoute,
  declineApplicationRoute,
  inviteToReleaseRoute,
  listCohortRoute,
  removeFromCohortRoute,
  resendInvitationRoute,
  revokeInvitationRoute,
  rotateJoinLinkRoute,
  setJoinLinkRoute,
} from './enrolment.routes.ts';
import { inviteToRelease } from './invite-to-release.ts';
import { listCohort } from './list-cohort.ts';
import { removeFromCohort } from './remove-from-cohort.ts';
import { resendInvitation } from './resend-invitation.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { rotateJoinLink } from './rotate-join-link.ts';
import { setJoinLink } from './set-join-link.ts';

export const inviteToReleaseHandler: AppRouteHandler<typeof inviteToReleaseRoute> = async (c) => {
  const { prisma, env, mail } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertReleaseAccess(prisma, c.var.user, id, 'lead');
  const items = await inviteToRelease({
    prisma,
    publicUrl: env.publicUrl,
    smtpConfigured: mail.smtpConfigured,
    releaseId: id,
    invitees: c.req.valid('json').invitees,
  });
  mail.wake();
  c.var.logger.info({ releaseId: id, by: c.var.user.id, invited: items.length }, 'people invited');
  return c.json({ items }, 201);
};

export const resendInvitationHandler: AppRouteHandler<typeof resendInvitationRoute> = async (c) => {
  const { prisma, env, mail } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertEnrolmentAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const member = await resendInvitation({ prisma, publicUrl: env.publicUrl, smtpConfigured: mail.smtpConfigured, id });
  mail.wake();
  c.var.logger.info({ enrolmentId: id, by: c.var.user.id }, 'invitation sent again');
  return c.json(member, 201);
};

export const revokeInvitationHandler: AppRouteHandler<typeof revokeInvitationRoute> = async (c) => {
  const { id } = c.req.valid('param');
  await assertEnrolmentAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const member = await revokeInvitation({ prisma: c.var.deps.prisma, actor: c.var.user, id });
  c.var.logger.info({ enrolmentId: id, by: c.var.user.id }, 'invitation revoked');
  return c.json(member, 200);
};

export const setJoinLinkHandler: AppRouteHandler<typeof setJoinLinkRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertReleaseAccess(prisma, c.var.user, id, 'lead');
  const link = await setJoinLink({ prisma, publicUrl: env.publicUrl, releaseId: id, ...c.req.valid('json') });
  c.var.logger.info({ releaseId: id, by: c.var.user.id, enabled: link.enabled, cap: link.cap }, 'join link set');
  return c.json(link, 200);
};

export const rotateJoinLinkHandler: AppRouteHandler<typeof rotateJoinLinkRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertReleaseAccess(prisma, c.var.user, id, 'lead');
  const link = await rotateJoinLink({ prisma, publicUrl: env.publicUrl, releaseId: id });
  c.var.logger.info({ releaseId: id, by: c.var.user.id }, 'join link rotated');
  return c.json(link, 200);
};

export const listCohortHandler: AppRouteHandler<typeof listCohortRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  await assertReleaseAccess(prisma, c.var.user, c.req.valid('param').id, 'lead');
  const cohort = await listCohort({
    prisma,
    publicUrl: env.publicUrl,
    releaseId: c.req.valid('param').id,
    status: c.req.valid('query').status,
  });
  return c.json(cohort, 200);
};

export const approveApplicationHandler: AppRouteHandler<typeof approveApplicationRoute> = async (c) => {
  const { prisma, env, mail } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertEnrolmentAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const member = await approveApplication({
    prisma,
    actor: c.var.user,
    publicUrl: env.publicUrl,
    smtpConfigured: mail.smtpConfigured,
    id,
  });
  mail.wake();
  c.var.logger.info({ enrolmentId: id, by: c.var.user.id }, 'application approved');
  return c.json(member, 200);
};

export const declineApplicationHandler: AppRouteHandler<typeof declineApplicationRoute> = async (c) => {
  const { prisma, mail } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertEnrolmentAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const member = await declineApplication({ prisma, actor: c.var.user, smtpConfigured: mail.smtpConfigured, id });
  mail.wake();
  c.var.logger.info({ enrolmentId: id, by: c.var.user.id }, 'application declined');
  return c.json(member, 200);
};

export const removeFromCohortHandler: AppRouteHandler<typeof removeFromCohortRoute> = async (c) => {
  const { id } = c.req.valid('param');
  await assertEnrolmentAccess(c.var.deps.prisma, c.var.user, id, 'lead');
  const member = await removeFromCohort({ prisma: c.var.deps.prisma, actor: c.var.user, id });
  c.var.logger.info({ enrolmentId: id, by: c.var.user.id }, 'removed from cohort');
  return c.json(member, 200);
};
