import type { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { lockReleaseForFiling } from './lock-release-for-filing.ts';
import { compactEnvironment, reportSuggestionSelect, toReportSuggestion } from './report-view.ts';
import type { meTooBody, ReportSuggestion } from './reports.schemas.ts';

const alreadySaid = () => new AppError('conflict', { detail: 'You already said you found this bug too.' });

/**
 * Records the user as a co-finder of the report ("me too"), with their own environment and note,
 * instead of a second report. Allowed on the same terms as filing into the report's release; an MVP
 * may do it for a report they could not read before (they saw its title as a suggestion), and can
 * read it from then on (lib/report-access.ts).
 */
export async function addMeToo(
  options: { prisma: PrismaClient; user: SessionUser; reportId: string } & z.output<typeof meTooBody>,
): Promise<ReportSuggestion> {
  const { prisma, user, reportId } = options;
  try {
    return await prisma.$transaction(async (tx) => {
      const report = await tx.report.findUnique({
        where: { id: reportId },
        select: { releaseId: true, reporterId: true },
      });
      if (!report) throw new AppError('not_found', { detail: 'No such report.' });
      await lockReleaseForFiling(tx, { user, releaseId: report.releaseId, notFound: 'No such report.' });
      if (report.reporterId === user.id)
        throw new AppError('conflict', { detail: 'You filed this report; add what you found to it instead.' });
      const said = await tx.reportFinder.findUnique({
        where: { reportId_userId: { reportId, userId: user.id } },
        select: { id: true },
      });
      if (said) throw alreadySaid();
      const source = user.role === 'mvp' ? 'customer' : 'internal';
      await tx.reportFinder.create({
        data: {
          reportId,
          userId: user.id,
          source,
          note: options.note,
          environment: compactEnvironment(options.environment),
        },
        select: { id: true },
      });
      await tx.reportEvent.create({
        data: { reportId, kind: 'me_too', actorId: user.id, data: { source } },
        select: { id: true },
      });
      const row = await tx.report.findUniqueOrThrow({
        where: { id: reportId },
        select: reportSuggestionSelect(user.id),
      });
      return toReportSuggestion(row, user.id);
    });
  } catch (error) {
    // The same person twice at the same moment: the unique key lets one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw alreadySaid();
    throw error;
  }
}
