import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Attachment } from '#api/attachments/attachments.schemas.ts';
import { attachmentLimits } from '#api/attachments/attachments.schemas.ts';
import { maxAttachments } from '#api/reports/reports.schemas.ts';
import { ApiError, errorMessage } from '../api-client.ts';
import { newClientKey } from '../client-key.ts';
import { formatBytes } from '../format.ts';
import { deleteAttachment, uploadAttachment } from './attachment-api.ts';

/** A stored file as a form holds it. */
export type UploadedAttachment = Pick<Attachment, 'id' | 'fileName' | 'contentType' | 'size'>;

type Common = { key: string; fileName: string; size: number; thumbnail: string | null };

/** A file in the form: on its way up, stored (then it has an id), or refused with the reason. */
export type AttachmentEntry =
  | (Common & { state: 'uploading' })
  | (Common & { state: 'uploaded'; attachment: UploadedAttachment })
  | (Common & { state: 'failed'; error: string });

// The server decides by the content; this only spares uploading what no kind of file may be.
const largestAllowed = Math.max(...Object.values(attachmentLimits));

function refusal(error: unknown): string {
  if (error instanceof ApiError && !error.problem.detail) {
    if (error.status === 413) return 'This file is too large.';
    if (error.status === 415) return 'This kind of file cannot be attached.';
  }
  return errorMessage(error);
}

function isImage(contentType: string): boolean {
  return contentType.startsWith('image/');
}

/**
 * The form's attachments. Each file uploads as soon as it is chosen, so filing does not wait for
 * them; what was uploaded before (a restored draft) comes back with its thumbnail from the server.
 */
export function useAttachmentUploads(initial: UploadedAttachment[]) {
  const [entries, setEntries] = useState<AttachmentEntry[]>(() =>
    initial.map((attachment) => ({
      key: attachment.id,
      fileName: attachment.fileName,
      size: attachment.size,
      thumbnail: isImage(attachment.contentType) ? `/api/attachments/${attachment.id}` : null,
      state: 'uploaded',
      attachment,
    })),
  );
  const uploads = useRef(new Map<string, AbortController>());
  const blobUrls = useRef(new Set<string>());

  const update = useCallback((key: string, change: (entry: AttachmentEntry) => AttachmentEntry) => {
    setEntries((current) => current.map((entry) => (entry.key === key ? change(entry) : entry)));
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const room = maxAttachments - entries.filter((entry) => entry.state !== 'failed').length;
      const added = files.map((file, index): AttachmentEntry => {
        const common = { key: newClientKey(), fileName: file.name, size: file.size, thumbnail: null };
        if (index >= room)
          return { ...common, state: 'failed', error: `A report takes at most ${maxAttachments} files.` };
        if (file.size > largestAllowed) {
          return { ...common, state: 'failed', error: `This file is larger than ${formatBytes(largestAllowed)}.` };
        }
        let thumbnail: string | null = null;
        if (isImage(file.type)) {
          thumbnail = URL.createObjectURL(file);
          blobUrls.current.add(thumbnail);
        }
        const controller = new AbortController();
        uploads.current.set(common.key, controller);
        uploadAttachment(file, controller.signal).then(
          (attachment) => {
            uploads.current.delete(common.key);
            const { id, fileName, contentType, size } = attachment;
            update(common.key, (entry) => ({
              ...entry,
              // The server's name and size are the ones the report will show.
              fileName,
              size,
              state: 'uploaded',
              attachment: { id, fileName, contentType, size },
            }));
          },
          (error: unknown) => {
            uploads.current.delete(common.key);
            if (controller.signal.aborted) return;
            update(common.key, (entry) => ({ ...entry, state: 'failed', error: refusal(error) }));
          },
        );
        return { ...common, thumbnail, state: 'uploading' };
      });
      setEntries((current) => [...current, ...added]);
    },
    [entries, update],
  );

  const forget = useCallback((entry: AttachmentEntry) => {
    if (entry.thumbnail && blobUrls.current.delete(entry.thumbnail)) URL.revokeObjectURL(entry.thumbnail);
  }, []);

  /** Takes a file out: an upload on its way is stopped, a stored one deleted (it belongs to no report yet). */
  const remove = useCallback(
    (entry: AttachmentEntry) => {
      uploads.current.get(entry.key)?.abort();
      if (entry.state === 'uploaded') deleteAttachment(entry.attachment.id).catch(() => {});
      forget(entry);
      setEntries((current) => current.filter((other) => other.key !== entry.key));
    },
    [forget],
  );

  /** Empties the list; `discard` also deletes what was uploaded (a draft thrown away, not filed). */
  const reset = useCallback(
    (options: { discard: boolean }) => {
      for (const entry of entries) {
        if (options.discard) remove(entry);
        else forget(entry);
      }
      setEntries([]);
    },
    [entries, remove, forget],
  );

  useEffect(
    () => () => {
      for (const controller of uploads.current.values()) controller.abort();
      for (const url of blobUrls.current) URL.revokeObjectURL(url);
      blobUrls.current.clear();
    },
    [],
  );

  // Kept while the entries stay, so that whoever saves the list saves it only when it changes.
  const uploaded = useMemo(
    () => entries.flatMap((entry) => (entry.state === 'uploaded' ? [entry.attachment] : [])),
    [entries],
  );
  const uploading = entries.some((entry) => entry.state === 'uploading');
  return { entries, uploaded, uploading, add, remove, reset };
}
