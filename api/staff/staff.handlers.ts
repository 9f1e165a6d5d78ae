import type { AppRouteHandler } from '../lib/app-context.ts';
import { createStaffMember } from './create-staff-member.ts';
import { issuePasswordLink } from './issue-password-link.ts';
import { listStaff } from './list-staff.ts';
import type {
  createStaffMemberRoute,
  issuePasswordLinkRoute,
  listStaffRoute,
  updateStaffMemberRoute,
} from './staff.routes.ts';
import { updateStaffMember } from './update-staff-member.ts';

export const listStaffHandler: AppRouteHandler<typeof listStaffRoute> = async (c) =>
  c.json({ items: await listStaff({ prisma: c.var.deps.prisma }) }, 200);

export const createStaffMemberHandler: AppRouteHandler<typeof createStaffMemberRoute> = async (c) => {
  const { prisma, env, mail } = c.var.deps;
  const created = await createStaffMember({
    prisma,
    actor: c.var.user,
    publicUrl: env.publicUrl,
    smtpConfigured: mail.smtpConfigured,
    ...c.req.valid('json'),
  });
  mail.wake();
  c.var.logger.info({ userId: created.member.id, by: c.var.user.id }, 'staff member created');
  return c.json(created, 201);
};

export const updateStaffMemberHandler: AppRouteHandler<typeof updateStaffMemberRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const member = await updateStaffMember({
    prisma: c.var.deps.prisma,
    actor: c.var.user,
    id,
    ...c.req.valid('json'),
  });
  c.var.logger.info(
    { userId: id, by: c.var.user.id, role: member.role, status: member.status },
    'staff member updated',
  );
  return c.json(member, 200);
};

export const issuePasswordLinkHandler: AppRouteHandler<typeof issuePasswordLinkRoute> = async (c) => {
  const { prisma, env, mail } = c.var.deps;
  const link = await issuePasswordLink({
    prisma,
    publicUrl: env.publicUrl,
    smtpConfigured: mail.smtpConfigured,
    id: c.req.valid('param').id,
  });
  mail.wake();
  return c.json(link, 201);
};
