import type { PrismaClient } from '../generated/prisma/client.ts';
import { setAccountDisabled } from '../lib/account-status.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { attributeGithubReports, findGithubLoginHolder } from '../lib/github-logins.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { staffRoles } from '../lib/roles.ts';
import type { StaffMember } from './staff.schemas.ts';
import { staffMemberSelect, toStaffMember } from './staff-member-view.ts';

/**
 * Changes a staff member's role, disables them, or maps their GitHub login (issues it opened on
 * GitHub become theirs, still internal finds; a login someone else holds is refused); Fieldtest
 * always keeps one active admin.
 */
export async function updateStaffMember(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  id: string;
  role?: StaffMember['role'];
  disabled?: boolean;
  githubLogin?: string | null;
}): Promise<StaffMember> {
  const { id, role, disabled, githubLogin } = options;
  return options.prisma.$transaction(async (tx) => {
    // Serialise admin changes so two leads demoting each other cannot both succeed.
    await tx.$executeRaw`select pg_advisory_xact_lock(7230455902)`;
    const current = await tx.user.findUnique({
      where: { id },
      select: { role: true, disabledAt: true, githubLogin: true },
    });
    if (!current || !(staffRoles as readonly string[]).includes(current.role))
      throw new AppError('not_found', { detail: 'No such staff member.' });
    const staysAdmin = (role ?? current.role) === 'admin' && !(disabled ?? current.disabledAt !== null);
    if (current.role === 'admin' && !current.disabledAt && !staysAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: 'admin', disabledAt: null, id: { not: id } } });
      if (otherAdmins === 0) {
        throw new AppError('conflict', {
          detail: 'This is the last active admin. Make someone else an admin first.',
          fields: [
            { field: role !== undefined ? 'role' : 'disabled', message: 'The last active admin must stay an admin' },
          ],
        });
      }
    }
    const disabledChanged =
      disabled !== undefined && (await setAccountDisabled(tx, { id, disabled, disabledAt: current.disabledAt }));
    if (githubLogin && (await findGithubLoginHolder(tx, githubLogin, id))) {
      throw new AppError('conflict', {
        detail: 'Someone else in Fieldtest holds this GitHub login.',
        fields: [{ field: 'githubLogin', message: 'Held by another person' }],
      });
    }
    const row = await tx.user.update({ where: { id }, data: { role, githubLogin }, select: staffMemberSelect });
    if (githubLogin && githubLogin !== current.githubLogin) {
      await attributeGithubReports(tx, { userId: id, login: githubLogin, asCustomer: false });
    }
    if (githubLogin !== undefined && githubLogin !== current.githubLogin) {
      // Whether a login is mapped, not which: the audit trail holds no personal data.
      await recordAudit(tx, {
        actor: options.actor,
        action: 'staff.github_login_changed',
        subjectType: 'user',
        subjectId: id,
        before: { githubLogin: current.githubLogin ? 'set' : 'none' },
        after: { githubLogin: githubLogin ? 'set' : 'none' },
      });
    }
    // A new role ends the sessions that carried the old rights, as disabling does.
    if (role !== undefined && role !== current.role) {
      await tx.session.deleteMany({ where: { userId: id } });
      await recordAudit(tx, {
        actor: options.actor,
        action: 'staff.role_changed',
        subjectType: 'user',
        subjectId: id,
        before: { role: current.role },
        after: { role },
      });
    }
    if (disabledChanged) {
      await recordAudit(tx, {
        actor: options.actor,
        action: disabled ? 'staff.disabled' : 'staff.enabled',
        subjectType: 'user',
        subjectId: id,
        before: { disabled: !disabled },
        after: { disabled },
      });
    }
    return toStaffMember(row);
  });
}
