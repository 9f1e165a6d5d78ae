import { z } from 'zod';

// Attachments: screenshots, logs and short videos, uploaded one file per request before the report
// that they belong to is filed (the report names them in `attachmentIds`).

const mebibyte = 1024 * 1024;

/** Largest file of each kind, in bytes; the kind is read from the content, never from the name. */
export const attachmentLimits = { image: 10 * mebibyte, video: 25 * mebibyte, text: 5 * mebibyte } as const;

/**
 * What one person may upload in any 24 hours, attached to a report by now or not: filing a report
 * does not give its files' share back, so nobody can store without limit by filing.
 */
export const uploadQuota = { windowHours: 24, files: 60, bytes: 250 * mebibyte } as const;

/** The types an attachment can have; text logs are always served as UTF-8 plain text. */
export const attachmentContentTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'text/plain; charset=utf-8',
] as const;

/** For a file input's `accept`: a hint to the picker only, since the server reads the content. */
export const attachmentAccept =
  'image/png,image/jpeg,image/gif,image/webp,video/mp4,video/quicktime,video/webm,text/plain,.log,.txt';

export const uploadAttachmentBody = z
  .object({
    file: z.file({ error: 'Choose one file' }).meta({
      type: 'string',
      format: 'binary',
      description: `One PNG, JPEG, GIF or WebP image (up to ${attachmentLimits.image / mebibyte} MiB), MP4, QuickTime or WebM video (${attachmentLimits.video / mebibyte} MiB) or UTF-8 text log (${attachmentLimits.text / mebibyte} MiB)`,
    }),
  })
  .meta({ id: 'UploadAttachmentBody' });

export const attachmentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string().meta({ description: 'As uploaded, without folders or control characters' }),
    contentType: z.enum(attachmentContentTypes).meta({ description: 'Read from the content' }),
    size: z.number().int().meta({ description: 'Bytes' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'Attachment' });

export const attachmentIdParams = z.object({ id: z.uuid({ error: 'Not an attachment id' }) });

export type UploadAttachmentBody = z.input<typeof uploadAttachmentBody>;
export type Attachment = z.output<typeof attachmentSchema>;
export type AttachmentContentType = (typeof attachmentContentTypes)[number];
