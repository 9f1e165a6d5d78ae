import type { PrismaClient } from '../generated/prisma/client.ts';
import { reportDraftSelect, toReportDraft } from './report-draft-view.ts';
import type { ReportDraft } from './reports.schemas.ts';

/** The user's report form as last saved; null when there is none (or it was filed). */
export async function getReportDraft(options: { prisma: PrismaClient; userId: string }): Promise<ReportDraft | null> {
  const row = await options.prisma.reportDraft.findUnique({
    where: { userId: options.userId },
    select: reportDraftSelect,
  });
  return row ? toReportDraft(row) : null;
}
