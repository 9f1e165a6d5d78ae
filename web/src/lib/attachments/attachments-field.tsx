import { useId } from 'react';
import { attachmentAccept, attachmentLimits, uploadQuota } from '#api/attachments/attachments.schemas.ts';
import { maxAttachments } from '#api/reports/reports.schemas.ts';
import { formatBytes } from '../format.ts';
import type { AttachmentEntry } from './use-attachment-uploads.ts';
import './attachments-field.css';

const limitsHint =
  `Screenshots (up to ${formatBytes(attachmentLimits.image)}), short videos (${formatBytes(attachmentLimits.video)}) ` +
  `or text logs (${formatBytes(attachmentLimits.text)}); at most ${maxAttachments} files. Each uploads as soon as you choose it. ` +
  `You can upload up to ${uploadQuota.files} files and ${formatBytes(uploadQuota.bytes)} in ${uploadQuota.windowHours} hours.`;

/** The file picker and the files chosen so far, each with its progress, size, thumbnail or refusal. */
export function AttachmentsField(props: {
  label?: string;
  entries: AttachmentEntry[];
  error?: string | undefined;
  onAdd: (files: File[]) => void;
  onRemove: (entry: AttachmentEntry) => void;
}) {
  const id = useId();
  return (
    <div className="field attachments-field">
      <label htmlFor={id}>{props.label ?? 'Attachments'}</label>
      <input
        id={id}
        type="file"
        multiple
        accept={attachmentAccept}
        aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
        aria-invalid={Boolean(props.error)}
        onChange={(event) => {
          props.onAdd([...(event.target.files ?? [])]);
          // Cleared, so that choosing the same file again (after removing it) is a change too.
          event.target.value = '';
        }}
      />
      <p className="hint" id={`${id}-hint`}>
        {limitsHint}
      </p>
      {props.error ? (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.entries.length ? (
        <ul className="attachment-list" aria-label="Attached files" aria-live="polite">
          {props.entries.map((entry) => (
            <AttachmentRow key={entry.key} entry={entry} onRemove={() => props.onRemove(entry)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function AttachmentRow(props: { entry: AttachmentEntry; onRemove: () => void }) {
  const { entry } = props;
  return (
    <li className={`attachment attachment-${entry.state}`}>
      {entry.thumbnail ? (
        <img className="attachment-thumbnail" src={entry.thumbnail} alt="" />
      ) : (
        <span className="attachment-thumbnail attachment-icon" aria-hidden="true">
          {entry.state === 'failed' ? '!' : extensionOf(entry.fileName)}
        </span>
      )}
      <span className="attachment-text">
        <span className="attachment-name">{entry.fileName}</span>
        <span className="attachment-meta">
          {formatBytes(entry.size)}
          {entry.state === 'uploading' ? (
            <>
              {' · '}
              <progress aria-label={`Uploading ${entry.fileName}`} /> Uploading…
            </>
          ) : null}
          {entry.state === 'uploaded' ? ' · Uploaded' : null}
        </span>
        {entry.state === 'failed' ? <span className="field-error">{entry.error}</span> : null}
      </span>
      <button type="button" className="quiet" aria-label={`Remove ${entry.fileName}`} onClick={props.onRemove}>
        Remove
      </button>
    </li>
  );
}

/** "crash.log" → "LOG": a stand-in for a thumbnail where there is no image. */
function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1, dot + 5).toUpperCase() : 'FILE';
}
