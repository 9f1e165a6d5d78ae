import type { Prisma } from '../generated/prisma/client.ts';
import type { ReportDraft } from './reports.schemas.ts';

export const reportDraftSelect = {
  releaseId: true,
  data: true,
  updatedAt: true,
} as const satisfies Prisma.ReportDraftSelect;

type DraftRow = Prisma.ReportDraftGetPayload<{ select: typeof reportDraftSelect }>;

export function toReportDraft(row: DraftRow): ReportDraft {
  return {
    releaseId: row.releaseId,
    // Written by saveReportDraft from a checked object.
    data: row.data as ReportDraft['data'],
    updatedAt: row.updatedAt.toISOString(),
  };
}
