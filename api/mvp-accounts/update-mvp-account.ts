import type { PrismaClient } from '../generated/prisma/client.ts';
import { setAccountDisabled } from '../lib/account-status.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { recordAudit } from '../lib/record-audit.ts';
import type { MvpAccount } from './mvp-accounts.schemas.ts';

const select = { id: true, email: true, name: true, disabledAt: true } as const;

/**
 * Disables or enables a customer's account, by the rule staff accounts follow (lib/account-status.ts):
 * disabling ends their sessions at once and stops them signing in, so they can no longer file, say
 * "me too", comment or upload. Their reports, entries, comments and files stay, and so do their
 * enrolments: enabling the account again gives them back what they had. A change is recorded in the
 * audit trail, in the same transaction, with who acted and no personal data.
 */
export async function updateMvpAccount(options: {
  prisma: PrismaClient;
  id: string;
  disabled: boolean;
  actor: Pick<SessionUser, 'id' | 'name'>;
}): Promise<MvpAccount> {
  const { id, disabled } = options;
  return options.prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id }, select: { role: true, disabledAt: true } });
    // Staff accounts are managed under Staff, where the program's last admin is protected.
    if (current?.role !== 'mvp') throw new AppError('not_found', { detail: 'No such MVP account.' });
    if (await setAccountDisabled(tx, { id, disabled, disabledAt: current.disabledAt })) {
      await recordAudit(tx, {
        actor: options.actor,
        action: disabled ? 'mvp.disabled' : 'mvp.enabled',
        subjectType: 'user',
        subjectId: id,
        before: { disabled: !disabled },
        after: { disabled },
      });
    }
    const row = await tx.user.findUniqueOrThrow({ where: { id }, select });
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      status: row.disabledAt ? 'disabled' : 'active',
      disabledAt: row.disabledAt?.toISOString() ?? null,
    };
  });
}
