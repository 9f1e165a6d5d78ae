import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertReportVisible, type ReportAccess } from '../lib/report-access.ts';

const notFound = () => new AppError('not_found', { detail: 'No such attachment.' });

/**
 * The attachment, if the user may see it: its uploader while no report uses it; once attached,
 * staff, and the one customer whose words it belongs to: the reporter for the report's own files,
 * the co-finder for the files of their "me too" entry. Anyone else gets 404, so no one learns that
 * the file exists.
 */
export async function findVisibleAttachment(
  db: PrismaClient | Prisma.TransactionClient,
  user: SessionUser,
  id: string,
) {
  const attachment = await db.attachment.findUnique({
    where: { id },
    select: {
      id: true,
      reportId: true,
      finderId: true,
      uploaderId: true,
      sha256: true,
      size: true,
      contentType: true,
      fileName: true,
      purgedAt: true,
    },
  });
  if (!attachment) throw notFound();
  if (attachment.reportId === null) {
    if (attachment.uploaderId !== user.id) throw notFound();
    return attachment;
  }
  let access: ReportAccess;
  try {
    access = await assertReportVisible(db, user, attachment.reportId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw notFound();
    throw error;
  }
  const entry = access.view === 'co-finder' ? access.finderId : null;
  if (access.view !== 'staff' && attachment.finderId !== entry) throw notFound();
  return attachment;
}
