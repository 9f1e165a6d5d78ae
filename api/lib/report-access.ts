import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from './app-context.ts';
import { AppError } from './app-error.ts';
import { assertReleaseVisible } from './release-access.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export type ReportAccess = {
  releaseId: string;
  programId: string;
  /** Staff see everything on a report, team notes included; MVPs see a customer's view. */
  view: 'staff' | 'reporter';
};

/**
 * Throws 404 unless the user may see the report: staff see every report; an MVP sees a report
 * they filed or said "me too" to, while they can still see its release (active or completed
 * enrolment, current terms accepted). Another customer's report is 404, never 403.
 */
export async function assertReportVisible(db: Db, user: SessionUser, reportId: string): Promise<ReportAccess> {
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: { releaseId: true, programId: true, reporterId: true },
  });
  if (!report) throw new AppError('not_found', { detail: 'No such report.' });
  if (user.role !== 'mvp') return { releaseId: report.releaseId, programId: report.programId, view: 'staff' };
  const own =
    report.reporterId === user.id ||
    (await db.reportFinder.findUnique({
      where: { reportId_userId: { reportId, userId: user.id } },
      select: { id: true },
    })) !== null;
  if (!own) throw new AppError('not_found', { detail: 'No such report.' });
  try {
    await assertReleaseVisible(db, user, report.releaseId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found')
      throw new AppError('not_found', { detail: 'No such report.' });
    throw error;
  }
  return { releaseId: report.releaseId, programId: report.programId, view: 'reporter' };
}
