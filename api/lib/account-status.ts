import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Disables or enables an account, in the caller's transaction: the one rule for staff and MVP
 * accounts alike. Disabling ends every session of the account at once; sign-in and the session
 * check refuse a disabled account (auth/sign-in.ts, lib/session.ts), so its cookies stop working on
 * their next request. Nothing the person made is touched. The moment it was first disabled stays
 * while it remains disabled. Answers whether the account changed (for the caller's audit entry).
 */
export async function setAccountDisabled(
  tx: Prisma.TransactionClient,
  options: { id: string; disabled: boolean; disabledAt: Date | null },
): Promise<boolean> {
  const { id, disabled } = options;
  const changed = disabled !== (options.disabledAt !== null);
  if (changed)
    await tx.user.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null }, select: { id: true } });
  if (disabled) await tx.session.deleteMany({ where: { userId: id } });
  return changed;
}
