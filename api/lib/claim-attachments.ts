import type { Prisma } from '../generated/prisma/client.ts';
import { AppError, type FieldError } from './app-error.ts';
import { checkAttachments } from './check-attachments.ts';

/**
 * Attaches files the user uploaded and has not attached yet to what they wrote (a report's own
 * files, a "me too" entry, a comment, a verification answer), in the caller's transaction. The
 * update is conditional, so two requests racing for one file attach it once; a file at fault is a
 * validation error under `attachmentIds.<index>`.
 */
export async function claimAttachments(
  tx: Prisma.TransactionClient,
  options: {
    userId: string;
    ids: string[];
    attachTo: { reportId: string; finderId?: string | null; commentId?: string | null; verificationId?: string | null };
  },
): Promise<void> {
  if (!options.ids.length) return;
  const { count } = await tx.attachment.updateMany({
    where: { id: { in: options.ids }, uploaderId: options.userId, reportId: null },
    data: options.attachTo,
  });
  if (count === options.ids.length) return;
  const fields: FieldError[] = [];
  await checkAttachments(tx, { userId: options.userId, ids: options.ids, fields });
  throw new AppError('validation', { detail: 'Invalid body.', fields });
}
