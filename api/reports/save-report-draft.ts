import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { reportDraftSelect, toReportDraft } from './report-draft-view.ts';
import type { ReportDraft, saveReportDraftBody } from './reports.schemas.ts';

/**
 * Keeps the report form as typed, one draft per person, replacing the last one. Nothing in it is
 * checked beyond its size: filing checks everything, the release included.
 */
export async function saveReportDraft(
  options: { prisma: PrismaClient; userId: string } & z.output<typeof saveReportDraftBody>,
): Promise<ReportDraft> {
  const { userId, releaseId } = options;
  const data = options.data as Prisma.InputJsonObject;
  const row = await options.prisma.reportDraft.upsert({
    where: { userId },
    create: { userId, releaseId, data },
    update: { releaseId, data },
    select: reportDraftSelect,
  });
  return toReportDraft(row);
}
