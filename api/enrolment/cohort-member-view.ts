import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { enrolmentFieldsSelect } from '../lib/enrolment-fields.ts';
import type { CohortMember } from './enrolment.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const cohortMemberSelect = {
  id: true,
  userId: true,
  user: { select: { disabledAt: true, erasedAt: true } },
  releaseId: true,
  ...enrolmentFieldsSelect,
  invitations: {
    where: { usedAt: null, revokedAt: null },
    orderBy: { createdAt: 'desc' },
    take: 1,
    select: { expiresAt: true },
  },
} as const satisfies Prisma.EnrolmentSelect;

/** The enrolments of one program's release that match `where`, oldest first, as the program lead sees them. */
export async function readCohortMembers(
  db: Db,
  options: { programId: string; where: Prisma.EnrolmentWhereInput },
): Promise<CohortMember[]> {
  const rows = await db.enrolment.findMany({
    where: options.where,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: cohortMemberSelect,
  });
  const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
  const accepted = userIds.length
    ? await db.termsAcceptance.groupBy({
        by: ['userId'],
        where: { programId: options.programId, userId: { in: userIds } },
        _max: { version: true },
      })
    : [];
  const acceptedVersion = new Map(accepted.map((row) => [row.userId, row._max.version]));
  const releaseIds = [...new Set(rows.map((row) => row.releaseId))];
  const filed = userIds.length
    ? await db.report.groupBy({
        by: ['reporterId', 'releaseId'],
        where: { reporterId: { in: userIds }, releaseId: { in: releaseIds } },
        _count: { _all: true },
      })
    : [];
  const filedCount = new Map(filed.map((row) => [`${row.reporterId}:${row.releaseId}`, row._count._all]));
  return rows.map(({ userId, user, releaseId, invitations, ...row }) => ({
    ...row,
    accountId: userId,
    accountDisabled: user?.disabledAt != null,
    accountErased: user?.erasedAt != null,
    termsVersionAccepted: userId ? (acceptedVersion.get(userId) ?? null) : null,
    reportsFiled: userId ? (filedCount.get(`${userId}:${releaseId}`) ?? 0) : 0,
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    invitationExpiresAt: row.status === 'invited' ? (invitations[0]?.expiresAt.toISOString() ?? null) : null,
  }));
}

export async function readCohortMember(db: Db, options: { programId: string; id: string }): Promise<CohortMember> {
  const [member] = await readCohortMembers(db, { programId: options.programId, where: { id: options.id } });
  return member!;
}
