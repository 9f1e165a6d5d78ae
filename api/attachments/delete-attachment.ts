import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { removeStoredFile } from './attachment-files.ts';
import { lockContent } from './attachment-locks.ts';
import { findVisibleAttachment } from './find-visible-attachment.ts';

const attached = () => new AppError('conflict', { detail: 'This file belongs to a filed report and stays with it.' });

/**
 * Removes the uploader's own upload while no report uses it. The file goes too unless another
 * upload has the same content; the row goes first, so no row ever points at a missing file.
 */
export async function deleteAttachment(options: {
  prisma: PrismaClient;
  dir: string;
  user: SessionUser;
  id: string;
}): Promise<void> {
  const { prisma, dir, user, id } = options;
  const attachment = await findVisibleAttachment(prisma, user, id);
  if (attachment.reportId !== null) throw attached();
  const { count } = await prisma.attachment.deleteMany({ where: { id, uploaderId: user.id, reportId: null } });
  if (count === 0) {
    // A report took it (or another request deleted it) since it was read.
    const still = await prisma.attachment.findUnique({ where: { id }, select: { id: true } });
    throw still ? attached() : new AppError('not_found', { detail: 'No such attachment.' });
  }
  await prisma.$transaction(async (tx) => {
    await lockContent(tx, attachment.sha256);
    const others = await tx.attachment.count({ where: { sha256: attachment.sha256 } });
    if (others === 0) await removeStoredFile(dir, attachment.sha256);
  });
}
