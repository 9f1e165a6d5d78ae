import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from './app-context.ts';
import { AppError } from './app-error.ts';
import { assertProgramAccess } from './program-access.ts';
import { assertReleaseVisible } from './release-access.ts';

type Db = PrismaClient | Prisma.TransactionClient;

type Where = { releaseId: string; programId: string };

/**
 * How the caller may read a report. Staff of its program read everything, team notes included. A
 * customer reads in full only what they wrote: the reporter reads their report; a co-finder ("me
 * too") reads the report's public summary and their own entry (`finderId`), never the reporter's
 * text or files.
 */
export type ReportAccess =
  | (Where & { view: 'staff' })
  | (Where & { view: 'reporter' })
  | (Where & { view: 'co-finder'; finderId: string });

const noSuchReport = () => new AppError('not_found', { detail: 'No such report.' });

/**
 * Throws 404 unless the user may see the report: staff see every report of the programs they work
 * on (program-access.ts); an MVP sees a report they filed or said "me too" to, while they can still
 * see its release (active or completed enrolment, current terms accepted). Another customer's
 * report, or another program's for staff, is 404, never 403.
 */
export async function assertReportVisible(db: Db, user: SessionUser, reportId: string): Promise<ReportAccess> {
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: {
      releaseId: true,
      programId: true,
      reporterId: true,
      finders: { where: { userId: user.id }, select: { id: true } },
    },
  });
  if (!report) throw noSuchReport();
  const where = { releaseId: report.releaseId, programId: report.programId };
  if (user.role !== 'mvp') {
    await assertProgramAccess(db, user, report.programId, 'member', 'No such report.');
    return { ...where, view: 'staff' };
  }
  const finder = report.finders[0];
  if (report.reporterId !== user.id && !finder) throw noSuchReport();
  try {
    await assertReleaseVisible(db, user, report.releaseId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw noSuchReport();
    throw error;
  }
  if (report.reporterId === user.id) return { ...where, view: 'reporter' };
  return { ...where, view: 'co-finder', finderId: finder!.id };
}
