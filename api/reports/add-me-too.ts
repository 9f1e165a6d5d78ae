import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { claimAttachments } from '../lib/claim-attachments.ts';
import type { ReportSuggestion } from '../lib/report-schemas.ts';
import { compactEnvironment, reportSuggestionSelect, toReportSuggestion } from '../lib/report-view.ts';
import { isUniqueViolation } from '../lib/unique-violation.ts';
import { lockReleaseForFiling } from './lock-release-for-filing.ts';
import type { meTooBody } from './reports.schemas.ts';

const alreadySaid = () => new AppError('conflict', { detail: 'You already said you found this bug too.' });
const noSuchReport = () => new AppError('not_found', { detail: 'No such report.' });

/**
 * Records the user as a co-finder of the report ("me too") with an entry of their own: their note,
 * environment and files, which they and staff read. Allowed on the same terms as filing into the
 * report's release. An MVP says it to a report they saw only as a suggestion, and from then on reads
 * its public summary and their own entry, never the report itself (lib/report-access.ts); internal
 * reports are not theirs to join unless the program offers them as suggestions.
 */
export async function addMeToo(
  options: { prisma: PrismaClient; user: SessionUser; reportId: string } & z.output<typeof meTooBody>,
): Promise<ReportSuggestion> {
  const { prisma, user, reportId, attachmentIds } = options;
  try {
    return await prisma.$transaction(async (tx) => {
      const report = await tx.report.findUnique({
        where: { id: reportId },
        select: {
          releaseId: true,
          reporterId: true,
          source: true,
          program: { select: { suggestInternalReports: true } },
        },
      });
      if (!report) throw noSuchReport();
      await lockReleaseForFiling(tx, { user, releaseId: report.releaseId, notFound: 'No such report.' });
      if (user.role === 'mvp' && report.source === 'internal' && !report.program.suggestInternalReports)
        throw noSuchReport();
      if (report.reporterId === user.id)
        throw new AppError('conflict', { detail: 'You filed this report; add what you found to it instead.' });
      const said = await tx.reportFinder.findUnique({
        where: { reportId_userId: { reportId, userId: user.id } },
        select: { id: true },
      });
      if (said) throw alreadySaid();
      const source = user.role === 'mvp' ? 'customer' : 'internal';
      const finder = await tx.reportFinder.create({
        data: {
          reportId,
          userId: user.id,
          source,
          note: options.note,
          environment: compactEnvironment(options.environment),
        },
        select: { id: true },
      });
      await claimAttachments(tx, {
        userId: user.id,
        ids: attachmentIds,
        attachTo: { reportId, finderId: finder.id },
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
    if (isUniqueViolation(error)) throw alreadySaid();
    throw error;
  }
}
