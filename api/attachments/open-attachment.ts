import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { openStoredFile } from './attachment-files.ts';
import { findVisibleAttachment } from './find-visible-attachment.ts';

/** The attachment's details and its open file, for a user allowed to see it (else 404). */
export async function openAttachment(options: { prisma: PrismaClient; dir: string; user: SessionUser; id: string }) {
  const { prisma, dir, user, id } = options;
  const attachment = await findVisibleAttachment(prisma, user, id);
  // The record stays after the program's retention period (or its uploader's erasure); the bytes do not.
  if (attachment.purgedAt)
    throw new AppError('file_purged', {
      detail: "This file was removed after the retention period of its program, or at its uploader's request.",
    });
  const file = await openStoredFile(dir, attachment.sha256);
  // A row without its file means the folder was changed by hand or lost: an error worth logging.
  if (!file) throw new Error(`The file of attachment ${id} (${attachment.sha256}) is missing from ${dir}`);
  return {
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    isImage: attachment.contentType.startsWith('image/'),
    ...file,
  };
}
