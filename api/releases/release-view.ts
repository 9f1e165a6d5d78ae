import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { releaseWindowSelect } from '../lib/release-window.ts';
import type { CohortCounts, Release, ReleaseSummary } from './releases.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export const releaseSummarySelect = {
  ...releaseWindowSelect,
  cohortCapacity: true,
  shippedAt: true,
  createdAt: true,
} as const satisfies Prisma.ReleaseSelect;

type SummaryRow = Prisma.ReleaseGetPayload<{ select: typeof releaseSummarySelect }>;

export function toReleaseSummary(row: SummaryRow): ReleaseSummary {
  return {
    ...row,
    testStart: row.testStart.toISOString(),
    testEnd: row.testEnd.toISOString(),
    shippedAt: row.shippedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The release with its program's name; staff also see the cohort by enrolment status. Null when there is none. */
export async function readRelease(db: Db, id: string, view: 'staff' | 'mvp'): Promise<Release | null> {
  const row = await db.release.findUnique({
    where: { id },
    select: { ...releaseSummarySelect, instructions: true, updatedAt: true, program: { select: { name: true } } },
  });
  if (!row) return null;
  const { program, instructions, updatedAt, ...summary } = row;
  const release: Release = {
    ...toReleaseSummary(summary),
    programName: program.name,
    instructions,
    updatedAt: updatedAt.toISOString(),
  };
  if (view === 'mvp') return release;
  // Other customers are none of an MVP's business; staff see how the cohort stands.
  const groups = await db.enrolment.groupBy({ by: ['status'], where: { releaseId: id }, _count: { _all: true } });
  const cohort: CohortCounts = { invited: 0, applied: 0, active: 0, declined: 0, removed: 0, completed: 0 };
  for (const group of groups) cohort[group.status] = group._count._all;
  return { ...release, cohort };
}
