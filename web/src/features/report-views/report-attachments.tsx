import type { ReportDetail } from '#api/report-views/report-views.schemas.ts';
import { formatBytes } from '../../lib/format.ts';
import './report-views.css';

type Attachment = ReportDetail['attachments'][number];

function kindOf(contentType: string): string {
  if (contentType.startsWith('video/')) return 'Video';
  if (contentType.startsWith('text/')) return 'Text';
  return 'File';
}

/**
 * Screenshots as thumbnails that open the full image; anything else as a download (the API serves
 * it as one whatever the link says, so a log or a video never runs in the portal's origin).
 */
export function ReportAttachments(props: { attachments: Attachment[] }) {
  return (
    <ul className="report-attachments">
      {props.attachments.map((attachment) => {
        const url = `/api/attachments/${attachment.id}`;
        const isImage = attachment.contentType.startsWith('image/');
        if (attachment.removed)
          return (
            <li key={attachment.id} className="report-attachment is-removed">
              <span className="attachment-name">{attachment.fileName}</span>
              <span className="attachment-meta">Removed after the retention period</span>
            </li>
          );
        return (
          <li key={attachment.id} className={isImage ? 'report-attachment is-image' : 'report-attachment'}>
            {isImage ? (
              <a href={url} target="_blank" rel="noopener noreferrer" className="report-attachment-link">
                <img className="report-attachment-thumbnail" src={url} alt="" loading="lazy" />
                <span className="attachment-name">{attachment.fileName}</span>
              </a>
            ) : (
              <a href={url} download={attachment.fileName} className="report-attachment-link">
                <span className="report-attachment-thumbnail attachment-icon" aria-hidden="true">
                  {kindOf(attachment.contentType)}
                </span>
                <span className="attachment-name">{attachment.fileName}</span>
              </a>
            )}
            <span className="attachment-meta">
              {isImage ? 'Image' : `${kindOf(attachment.contentType)}, download`} · {formatBytes(attachment.size)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
