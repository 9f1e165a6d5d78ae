import type { Prisma } from '../generated/prisma/client.ts';
import type { SessionUser } from './app-context.ts';

type Tx = Prisma.TransactionClient;

/** What the audit trail records; each is one administrative action. */
export const auditActions = [
  'program.created',
  'program.settings_changed',
  'program.member_changed',
  'program.github_credential_changed',
  'terms.published',
  'release.created',
  'release.changed',
  'release.shipped',
  'enrolment.changed',
  'mvp.removed',
  'mvp.erased',
  'mvp.disabled',
  'mvp.enabled',
  'staff.invited',
  'staff.role_changed',
  'staff.disabled',
  'staff.enabled',
  'staff.github_login_changed',
  'sync.dead_letter_retried',
  'rescue.sent',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditRecord = {
  /** Who acted; null for Fieldtest itself (a scheduled purge, a setup step). */
  actor: Pick<SessionUser, 'id' | 'name'> | null;
  action: AuditAction;
  programId?: string | null;
  subjectType: string;
  subjectId?: string | null;
  /** The changed fields as they were and as they are: settings and states, never personal data. */
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/**
 * Appends one entry to the audit trail. Call it with the transaction that makes the change, so the
 * record and the change commit or roll back together.
 */
export async function recordAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: record.actor?.id ?? null,
      actorName: record.actor?.name ?? 'Fieldtest',
      action: record.action,
      programId: record.programId ?? null,
      subjectType: record.subjectType,
      subjectId: record.subjectId ?? null,
      before: record.before ?? undefined,
      after: record.after ?? undefined,
    },
    select: { id: true },
  });
}

/** The fields of `after` whose values differ from `before`, each side holding only those fields. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const keys = Object.keys(after).filter(
    (key) => after[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  if (keys.length === 0) return null;
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<T>,
  };
}
