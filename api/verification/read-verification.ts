import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { effectiveStatus, findMyVerification, isAnswerable, type MyVerification } from './find-my-verification.ts';
import type { VerificationState } from './verification.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Names the build of a fix: admins and engineers (a tester reports, engineering says what fixed it). */
export const fixedInRoles = ['admin', 'engineer'] as const;

/**
 * The caller's own request to check a fix (see findMyVerification) and whether they can answer
 * it; staff also get the report's fix build and how its newest round stands, in counts only.
 */
export async function readVerification(options: {
  prisma: Db;
  user: SessionUser;
  reportId: string;
}): Promise<VerificationState> {
  const { prisma, user, reportId } = options;
  const { access, verification } = await findMyVerification(prisma, user, reportId);
  return {
    verification: verification ? toVerification(verification) : null,
    canAnswer: verification ? isAnswerable(verification) : false,
    team: access.view === 'staff' ? await teamView(prisma, user, reportId) : null,
  };
}

export function toVerification(row: MyVerification): NonNullable<VerificationState['verification']> {
  return {
    id: row.id,
    round: row.round,
    role: row.role as 'reporter' | 'co-finder' | 'duplicate',
    build: row.build,
    status: effectiveStatus(row.status, row.report.release.status),
    requestedAt: row.requestedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    environment: Object.fromEntries(
      Object.entries(row.environment && typeof row.environment === 'object' ? row.environment : {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
    note: row.note,
    attachments: row.attachments,
  };
}

async function teamView(prisma: Db, user: SessionUser, reportId: string): Promise<VerificationState['team']> {
  const report = await prisma.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { status: true, fixedInBuild: true, release: { select: { build: true } } },
  });
  const newest = await prisma.verification.aggregate({ where: { reportId }, _max: { round: true } });
  const round = newest._max.round ?? null;
  const byStatus =
    round === null
      ? []
      : await prisma.verification.groupBy({
          by: ['status'],
          where: { reportId, round },
          _count: { _all: true },
          orderBy: { status: 'asc' },
        });
  const countOf = (status: string) => byStatus.find((group) => group.status === status)?._count._all ?? 0;
  return {
    reportStatus: report.status,
    fixedInBuild: report.fixedInBuild,
    releaseBuild: report.release.build,
    canSetFixedIn: (fixedInRoles as readonly string[]).includes(user.role),
    round,
    requests: byStatus.reduce((sum, group) => sum + group._count._all, 0),
    pending: countOf('pending'),
    fixed: countOf('fixed'),
    stillBroken: countOf('still_broken'),
    expired: countOf('expired'),
  };
}
