import type { TimelineEntry } from '#api/report-views/report-views.schemas.ts';
import { type ReportStatus, reportStatuses } from '#api/reports/reports.schemas.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { personLabel } from '../../lib/report-labels.ts';
import { statusNames } from '../../lib/report-status.tsx';
import { useSignedInUser } from '../../lib/session.ts';
import './report-views.css';

function statusName(value: unknown): string | null {
  return (reportStatuses as readonly unknown[]).includes(value) ? statusNames[value as ReportStatus] : null;
}

/** One line about what happened; events come from people in the portal and from engineering's GitHub. */
function describe(entry: TimelineEntry, staff: boolean): string {
  const who = entry.actor ? personLabel(entry.actor) : null;
  const by = who ? ` by ${who}` : '';
  switch (entry.kind) {
    case 'filed':
      return who ? `${who} filed the report` : 'The report was filed';
    case 'me_too':
      return who ? `${who} found it too` : 'Someone found it too';
    case 'comment':
      if (entry.data.purpose === 'answer') return `${who ?? 'Someone'} answered engineering's question`;
      return `${who ?? 'Someone'} commented`;
    case 'note':
      // Notes Fieldtest posts to the GitHub issue for staff: the rescue summary, and a duplicate's
      // finder saying the fix is still broken (they have no thread on this report).
      if (entry.data.purpose === 'rescue')
        return `${who ?? 'A program lead'} sent it back to engineering with this summary`;
      if (entry.data.purpose === 'still_broken') return `${who ?? 'Someone'} said the fix is still broken for them`;
      return `${who ?? 'Someone'} wrote a team note`;
    case 'synced': {
      const number = entry.data.issueNumber;
      return typeof number === 'number' ? `Sent to engineering as GitHub issue #${number}` : 'Sent to engineering';
    }
    case 'triaged': {
      const priority = entry.data.priority;
      return typeof priority === 'string' ? `Triaged by engineering as ${priority}` : 'Triaged by engineering';
    }
    case 'priority_changed': {
      const priority = entry.data.to;
      return typeof priority === 'string' && priority
        ? `Priority set to ${priority} on GitHub`
        : 'Priority removed on GitHub';
    }
    case 'status_changed': {
      const status = statusName(entry.data.to);
      const said = status ? `Status changed to ${status} on GitHub` : 'Status changed on GitHub';
      // A status change that came with a new priority level says both, in one entry.
      if (!('priorityTo' in entry.data)) return said;
      const level = entry.data.priorityTo;
      return typeof level === 'string' && level ? `${said}, priority ${level}` : `${said}, priority removed`;
    }
    case 'duplicate_of': {
      const number = entry.data.issueNumber ?? entry.data.canonicalIssueNumber;
      return typeof number === 'number' ? `Marked as a duplicate of issue #${number}` : 'Marked as a duplicate';
    }
    case 'moved':
      return 'The GitHub issue moved to another repository';
    case 'deleted':
      return 'The GitHub issue was deleted';
    case 'verification_requested': {
      const build = typeof entry.data.build === 'string' ? ` on build ${entry.data.build}` : '';
      return staff
        ? `Everyone who found it was asked to check the fix${build}`
        : `Engineering asked you to check the fix${build}`;
    }
    case 'verification_answered': {
      const build = typeof entry.data.build === 'string' ? ` on build ${entry.data.build}` : '';
      const answer = entry.data.result === 'fixed' ? 'it is fixed for' : 'it is still broken for';
      return entry.data.mine === true
        ? `You said ${answer} you${build}`
        : `${who ?? 'Someone'} said ${answer} them${build}`;
    }
    case 'verification_summary': {
      const fixed = Number(entry.data.fixed) || 0;
      const broken = Number(entry.data.stillBroken) || 0;
      const said = [
        fixed ? `${fixed} found the fix working` : '',
        broken ? `${broken} found it still broken` : '',
      ].filter(Boolean);
      return `Others who checked the fix: ${said.join(', ') || 'no answer yet'}`;
    }
    case 'fixed_in_changed': {
      const build = entry.data.to;
      return typeof build === 'string' ? `Fix build set to ${build}${by}` : `Fix build cleared${by}`;
    }
    case 'status': {
      const status = statusName(entry.data.to ?? entry.data.status);
      return status ? `Status changed to ${status}${by}` : `Status changed${by}`;
    }
    case 'priority': {
      const priority = entry.data.to ?? entry.data.priority;
      return typeof priority === 'string' && priority ? `Priority set to ${priority}${by}` : `Priority removed${by}`;
    }
    default: {
      const what = entry.kind.replaceAll('_', ' ');
      return `${what.charAt(0).toUpperCase()}${what.slice(1)}${by}`;
    }
  }
}

/**
 * Everything that happened to the report, oldest first; team notes stand out so nobody mistakes them
 * for replies, and staff see which co-finder's thread a comment belongs to (`threads` names them).
 */
export function ReportTimeline(props: { entries: TimelineEntry[]; threads: Map<string, string> }) {
  const staff = useSignedInUser().role !== 'mvp';
  return (
    <ol className="timeline">
      {props.entries.map((entry) => (
        <li key={entry.id} className={`timeline-entry timeline-${entry.kind.replaceAll('_', '-')}`}>
          <p className="timeline-head">
            {entry.kind === 'note' ? <span className="badge badge-team-note">Team note — staff only</span> : null}
            {entry.coFinderEntryId && props.threads.has(entry.coFinderEntryId) ? (
              <span className="badge badge-thread">On {props.threads.get(entry.coFinderEntryId)}</span>
            ) : null}
            <span className="timeline-what">{describe(entry, staff)}</span>{' '}
            <time className="timeline-when" dateTime={entry.at}>
              {formatDateTime(entry.at)}
            </time>
          </p>
          {entry.text ? <Markdown text={entry.text} /> : null}
          <CommentFiles files={entry.data.files} />
        </li>
      ))}
    </ol>
  );
}

/** The files that came with a comment, as links the reader may open. */
function CommentFiles(props: { files: unknown }) {
  const files = Array.isArray(props.files)
    ? props.files.filter(
        (file): file is { id: string; fileName: string; removed?: boolean } =>
          typeof file?.id === 'string' && typeof file?.fileName === 'string',
      )
    : [];
  if (!files.length) return null;
  return (
    <ul className="comment-files" aria-label="Files">
      {files.map((file) => (
        <li key={file.id}>
          {file.removed ? (
            <span>
              {file.fileName} <span className="hint">(removed after the retention period)</span>
            </span>
          ) : (
            <a href={`/api/attachments/${file.id}`} target="_blank" rel="noreferrer">
              {file.fileName}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
