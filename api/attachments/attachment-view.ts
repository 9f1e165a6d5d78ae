import type { Attachment, AttachmentContentType } from './attachments.schemas.ts';

export const attachmentSelect = {
  id: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
} as const;

type AttachmentRow = { id: string; fileName: string; contentType: string; size: number; sha256: string };

export function toAttachment(row: AttachmentRow): Attachment {
  // Only uploadAttachment writes contentType, always one of the detected types.
  return { ...row, contentType: row.contentType as AttachmentContentType };
}
