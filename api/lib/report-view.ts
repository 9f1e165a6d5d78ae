import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { Report, ReportEnvironment, ReportSuggestion } from './report-schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export const attachmentSummarySelect = {
  id: true,
  fileName: true,
  contentType: true,
  size: true,
} as const satisfies Prisma.AttachmentSelect;

/** What a reporter filed and where it stands, as the reporter reads it (and their data export). */
export const filedReportSelect = {
  id: true,
  title: true,
  steps: true,
  expected: true,
  actual: true,
  severity: true,
  component: true,
  environment: true,
  source: true,
  status: true,
  priority: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ReportSelect;

export const reportSelect = {
  ...filedReportSelect,
  programId: true,
  releaseId: true,
} as const satisfies Prisma.ReportSelect;

type ReportRow = Prisma.ReportGetPayload<{ select: typeof reportSelect }>;
type AttachmentRow = Prisma.AttachmentGetPayload<{ select: typeof attachmentSummarySelect }>;

export function toReport(row: ReportRow, attachments: AttachmentRow[]): Report {
  return {
    ...row,
    // Written by fileReport from the checked request, so it has the shape of the schema.
    environment: row.environment as ReportEnvironment,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    attachments,
  };
}

/** The report as its reporter filed it, attachments in upload order; null when there is none. */
export async function readReport(db: Db, id: string): Promise<Report | null> {
  const row = await db.report.findUnique({
    where: { id },
    select: {
      ...reportSelect,
      attachments: { where: { finderId: null }, select: attachmentSummarySelect, orderBy: { id: 'asc' } },
    },
  });
  if (!row) return null;
  const { attachments, ...report } = row;
  return toReport(report, attachments);
}

/** Only what anyone may see of a report they cannot read; `viewerId` decides `mine`. */
export function reportSuggestionSelect(viewerId: string) {
  return {
    id: true,
    title: true,
    status: true,
    priority: true,
    createdAt: true,
    reporterId: true,
    _count: { select: { finders: true } },
    finders: { where: { userId: viewerId }, select: { id: true } },
  } as const satisfies Prisma.ReportSelect;
}

type SuggestionRow = Prisma.ReportGetPayload<{ select: ReturnType<typeof reportSuggestionSelect> }>;

export function toReportSuggestion(row: SuggestionRow, viewerId: string): ReportSuggestion {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    priority: row.priority,
    createdAt: row.createdAt.toISOString(),
    meTooCount: row._count.finders,
    mine: row.reporterId === viewerId || row.finders.length > 0,
  };
}

/** Drops empty fields, so that what is stored says only what is known. */
export function compactEnvironment(environment: ReportEnvironment): ReportEnvironment {
  return Object.fromEntries(Object.entries(environment).filter(([, value]) => value)) as ReportEnvironment;
}
