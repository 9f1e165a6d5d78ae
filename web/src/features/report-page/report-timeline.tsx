import type { TimelineEntry } from '../../../../api/report-views/report-views.schemas.ts';
import { type ReportStatus, reportStatuses } from '../../../../api/reports/reports.schemas.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { personLabel } from '../../lib/report-labels.ts';
import { statusNames } from '../../lib/report-status.tsx';

function statusName(value: unknown): string | null {
  return (reportStatuses as readonly unknown[]).includes(value) ? statusNames[value as ReportStatus] : null;
}

/** One line about what happened; events come from people in the portal and from engineering's GitHub. */
function describe(entry: TimelineEntry): string {
  const who = entry.actor ? personLabel(entry.actor) : null;
  const by = who ? ` by ${who}` : '';
  switch (entry.kind) {
    case 'filed':
      return who ? `${who} filed the report` : 'The report was filed';
    case 'me_too':
      return who ? `${who} found it too` : 'Someone found it too';
    case 'comment':
      return `${who ?? 'Someone'} commented`;
    case 'note':
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
      return status ? `Status changed to ${status} on GitHub` : 'Status changed on GitHub';
    }
    case 'duplicate_of': {
      const number = entry.data.issueNumber ?? entry.data.canonicalIssueNumber;
      return typeof number === 'number' ? `Marked as a duplicate of issue #${number}` : 'Marked as a duplicate';
    }
    case 'moved':
      return 'The GitHub issue moved to another repository';
    case 'deleted':
      return 'The GitHub issue was deleted';
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
  return (
    <ol className="timeline">
      {props.entries.map((entry) => (
        <li key={entry.id} className={`timeline-entry timeline-${entry.kind.replaceAll('_', '-')}`}>
          <p className="timeline-head">
            {entry.kind === 'note' ? <span className="badge badge-team-note">Team note — staff only</span> : null}
            {entry.coFinderEntryId && props.threads.has(entry.coFinderEntryId) ? (
              <span className="badge badge-thread">On {props.threads.get(entry.coFinderEntryId)}</span>
            ) : null}
            <span className="timeline-what">{describe(entry)}</span>{' '}
            <time className="timeline-when" dateTime={entry.at}>
              {formatDateTime(entry.at)}
            </time>
          </p>
          {entry.text ? <Markdown text={entry.text} /> : null}
        </li>
      ))}
    </ol>
  );
}
