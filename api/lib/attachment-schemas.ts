import { z } from 'zod';

// Files attached to what people write (a report, a "me too" entry, a comment, a fix-check
// answer): the request side names uploads by id, the response side summarises them. Every feature
// that takes or shows attachments uses these; claim-attachments.ts applies the same rules.

export const maxAttachments = 10;

/** Files the caller uploaded (POST /api/attachments) and has not attached anywhere yet. */
export const attachmentIdsSchema = z
  .array(z.uuid({ error: 'Not an attachment id' }))
  .max(maxAttachments, { error: `Attach at most ${maxAttachments} files` })
  .default([])
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [index], message: 'This file is attached twice' });
      seen.add(id);
    });
  })
  .meta({ description: 'Files you uploaded (POST /api/attachments) and have not attached elsewhere' });

export const attachmentSummarySchema = z
  .object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: 'AttachmentSummary' });
