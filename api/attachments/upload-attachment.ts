import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError, type ErrorCode } from '../lib/app-error.ts';
import { assertUploadQuota } from './assert-upload-quota.ts';
import { discardTempFile, placeFile, writeTempFile } from './attachment-files.ts';
import { lockContent, lockUploadQuota } from './attachment-locks.ts';
import { attachmentSelect, toAttachment } from './attachment-view.ts';
import { type Attachment, attachmentLimits } from './attachments.schemas.ts';
import { createTextCheck, sniffBinaryType, sniffLength, textContentType } from './detect-content-type.ts';
import { sanitizeFileName } from './sanitize-file-name.ts';

const mebibytes = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

function fileError(code: ErrorCode, detail: string, message = detail): AppError {
  return new AppError(code, { detail, fields: [{ field: 'file', message }] });
}

const unsupported = () =>
  fileError(
    'unsupported_media_type',
    'Attach a PNG, JPEG, GIF or WebP image, an MP4, QuickTime or WebM video, or a UTF-8 text log.',
    'This kind of file cannot be attached',
  );

/**
 * Stores an uploaded file by its content and records it as the user's, not yet attached to a
 * report. The type comes from the bytes (signature, else UTF-8 text); the name is only a label.
 */
export async function uploadAttachment(options: {
  prisma: PrismaClient;
  dir: string;
  user: SessionUser;
  file: File;
}): Promise<Attachment> {
  const { prisma, dir, user, file } = options;
  if (file.size === 0) throw fileError('validation', 'The file is empty.');

  const head = new Uint8Array(await file.slice(0, sniffLength).arrayBuffer());
  const binary = sniffBinaryType(head);
  // Without a known signature the file must be text throughout; its beginning settles most cases
  // at once, and the rest is checked while it is written.
  if (!binary && !createTextCheck().push(head)) throw unsupported();
  const text = binary ? null : createTextCheck();
  const kind = binary?.kind ?? 'text';
  const limit = attachmentLimits[kind];
  if (file.size > limit) {
    throw fileError(
      'payload_too_large',
      `A ${kind === 'text' ? 'text log' : kind} can be at most ${mebibytes(limit)}.`,
      `Use a file of at most ${mebibytes(limit)}`,
    );
  }
  // Checked before the file is written, so a refused upload costs no disk; checked again below.
  await assertUploadQuota(prisma, { userId: user.id, size: file.size });

  const temp = await writeTempFile(dir, file.stream(), (chunk) => text?.push(chunk));
  try {
    if (text && !text.end()) throw unsupported();
    const row = await prisma.$transaction(async (tx) => {
      await lockUploadQuota(tx, user.id);
      await assertUploadQuota(tx, { userId: user.id, size: temp.size });
      await lockContent(tx, temp.sha256);
      await placeFile(dir, temp);
      return tx.attachment.create({
        data: {
          uploaderId: user.id,
          sha256: temp.sha256,
          size: temp.size,
          contentType: binary?.contentType ?? textContentType,
          fileName: sanitizeFileName(file.name),
        },
        select: attachmentSelect,
      });
    });
    return toAttachment(row);
  } finally {
    // Gone already once placed; left behind only by a refusal or a failure.
    await discardTempFile(temp);
  }
}
