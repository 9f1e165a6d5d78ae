import type { Prisma } from '../generated/prisma/client.ts';
import type { FieldError } from './app-error.ts';
import { attachmentSummarySelect } from './report-view.ts';

/**
 * Each file must be one the user uploaded and has not attached to a report (other than `reportId`).
 * Someone else's file reads as no file at all. Adds a field error per file at fault, under
 * `attachmentIds.<index>`, and returns the files in upload order.
 */
export async function checkAttachments(
  tx: Prisma.TransactionClient,
  options: { userId: string; ids: string[]; fields: FieldError[]; reportId?: string },
) {
  if (!options.ids.length) return [];
  const rows = await tx.attachment.findMany({
    where: { id: { in: options.ids } },
    select: { ...attachmentSummarySelect, uploaderId: true, reportId: true },
    orderBy: { id: 'asc' },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  options.ids.forEach((id, index) => {
    const row = byId.get(id);
    const field = `attachmentIds.${index}`;
    if (!row || row.uploaderId !== options.userId) options.fields.push({ field, message: 'No such file of yours' });
    else if (row.reportId !== null && row.reportId !== options.reportId)
      options.fields.push({ field, message: 'This file is attached to another report' });
  });
  return rows.map(({ uploaderId: _uploader, reportId: _report, ...summary }) => summary);
}
