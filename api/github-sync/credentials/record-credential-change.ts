import type { Prisma } from '../../generated/prisma/client.ts';
import type { SessionUser } from '../../lib/app-context.ts';
import { recordAudit } from '../../lib/record-audit.ts';

/**
 * The audit entry of a credential change, in the change's transaction: what may be shown of the
 * credential before and after ("token ending …a1b2", "the server's"), never the credential.
 */
export async function recordCredentialChange(
  tx: Prisma.TransactionClient,
  change: { actor: Pick<SessionUser, 'id' | 'name'>; programId: string; before: string | null; after: string | null },
): Promise<void> {
  const shown = (hint: string | null) => hint ?? "the server's";
  await recordAudit(tx, {
    actor: change.actor,
    action: 'program.github_credential_changed',
    programId: change.programId,
    subjectType: 'program',
    subjectId: change.programId,
    before: { credential: shown(change.before) },
    after: { credential: shown(change.after) },
  });
}
