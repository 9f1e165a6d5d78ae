import type { EnrolmentStatus, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { type AuditAction, recordAudit } from '../lib/record-audit.ts';
import { readCohortMember } from './cohort-member-view.ts';
import type { CohortMember } from './enrolment.schemas.ts';
import { lockEnrolment } from './lock-cohort.ts';

type Tx = Prisma.TransactionClient;
type Actor = Pick<SessionUser, 'id' | 'name'>;

/** What every cohort action on one person is given: who acts, and the enrolment. */
export type CohortAction = { prisma: PrismaClient; actor: Actor; id: string };
type Locked = Awaited<ReturnType<typeof lockEnrolment>>;

/**
 * One change to one person's enrolment, as every cohort action makes it: in a transaction that
 * holds the release's cohort lock (lock-cohort.ts), with the enrolment read as it now stands, and
 * answered with the person as the cohort list shows them after the change.
 */
export async function changeEnrolment(
  options: { prisma: PrismaClient; id: string },
  change: (tx: Tx, locked: Locked) => Promise<void>,
): Promise<CohortMember> {
  return options.prisma.$transaction(async (tx) => {
    const locked = await lockEnrolment(tx, options.id);
    await change(tx, locked);
    return readCohortMember(tx, { programId: locked.release.programId, id: locked.enrolment.id });
  });
}

/** Moves the enrolment to `to` (with the timestamps in `data`) and records who did it. */
export async function moveEnrolment(
  tx: Tx,
  options: {
    actor: Actor;
    locked: Locked;
    to: EnrolmentStatus;
    data?: Omit<Prisma.EnrolmentUncheckedUpdateInput, 'status'>;
    action?: AuditAction;
  },
): Promise<void> {
  const { release, enrolment } = options.locked;
  await tx.enrolment.update({
    where: { id: enrolment.id },
    data: { ...options.data, status: options.to },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor: options.actor,
    action: options.action ?? 'enrolment.changed',
    programId: release.programId,
    subjectType: 'enrolment',
    subjectId: enrolment.id,
    before: { status: enrolment.status },
    after: { status: options.to },
  });
}

/** Ends the enrolment: its open invitation links stop working and the person is removed. */
export async function endEnrolment(
  tx: Tx,
  options: { actor: Actor; locked: Locked; action: AuditAction },
): Promise<void> {
  const now = new Date();
  await tx.invitation.updateMany({
    where: { enrolmentId: options.locked.enrolment.id, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  await moveEnrolment(tx, { ...options, to: 'removed', data: { endedAt: now } });
}
