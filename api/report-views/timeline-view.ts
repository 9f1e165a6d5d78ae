import type { SessionUser } from '../lib/app-context.ts';
import type { ReportAccess } from '../lib/report-access.ts';
import { type PersonRow, toPerson } from './report-person.ts';
import type { ReportPerson, TimelineEntry } from './report-views.schemas.ts';

// The one place that decides what a report's timeline tells its reader (README, "What a customer
// sees of others' reports"). Staff read every event with its data, team notes and every thread.
// A customer reads engineering's progress in words a customer may know: no GitHub issue numbers,
// links or logins (the issue is the vendor's), no other report's id, nobody else's identity, and
// of the comments only their own thread's plus what staff and engineering wrote to everyone.

/** Event kinds a customer is shown, with the data keys they may read; anything else stays with staff. */
const customerEventData: Record<string, readonly string[]> = {
  filed: [],
  me_too: [],
  synced: [],
  triaged: ['priority'],
  priority_changed: ['from', 'to'],
  status_changed: ['from', 'to', 'priorityFrom', 'priorityTo'],
  duplicate_of: [],
  moved: [],
  deleted: [],
  // Engineering asked those who found the bug to check its fix on this build.
  verification_requested: ['build', 'round'],
};

/** What a customer reads of their own answer to a request to check the fix (the note stays in the panel). */
const ownAnswerData = ['result', 'build', 'round'] as const;

const engineering: ReportPerson = { displayName: 'Engineering', handle: null, role: null };

export type TimelineEvent = {
  id: string;
  kind: string;
  data: unknown;
  createdAt: Date;
  actorId: string | null;
};

export type TimelineComment = {
  id: string;
  visibility: 'public' | 'team';
  body: string;
  createdAt: Date;
  authorLogin: string | null;
  author: PersonRow | null;
  finderId: string | null;
  /** comment, answer (to a needs-info question), still_broken, rescue. */
  purpose: string;
  /** Files that came with the comment: readable by the same people as the comment's thread. */
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
};

export function toTimeline(options: {
  viewer: SessionUser;
  access: ReportAccess;
  events: TimelineEvent[];
  comments: TimelineComment[];
  actors: Map<string, PersonRow>;
}): TimelineEntry[] {
  const { viewer, access, actors } = options;
  const staff = access.view === 'staff';
  const entries: (Omit<TimelineEntry, 'at'> & { at: Date })[] = [];
  const othersAnswers: { event: TimelineEvent; data: Record<string, unknown> }[] = [];

  for (const event of options.events) {
    // A comment written on GitHub is on the timeline as itself; its event only records its arrival.
    if (event.kind === 'comment') continue;
    const data = asObject(event.data);
    const actor = event.actorId ? (actors.get(event.actorId) ?? null) : null;
    if (staff) {
      entries.push({ ...base(event), actor: actor ? toPerson(actor, viewer) : null, data });
      continue;
    }
    if (event.kind === 'verification_answered') {
      // A customer reads their own answer; of others' only how many said what (verificationSummaries).
      if (event.actorId === viewer.id) {
        entries.push({ ...base(event), actor: actor ? toPerson(actor, viewer) : null, data: ownAnswer(data) });
      } else othersAnswers.push({ event, data });
      continue;
    }
    const keys = customerEventData[event.kind];
    if (!keys) continue;
    entries.push({
      ...base(event),
      // Customers learn who acted only when it was themselves or staff, never another customer.
      actor: actor && (actor.id === viewer.id || actor.role !== 'mvp') ? toPerson(actor, viewer) : null,
      data: Object.fromEntries(keys.filter((key) => key in data).map((key) => [key, data[key]])),
    });
  }

  for (const comment of options.comments) {
    if (!staff && !customerReads(comment, viewer, access)) continue;
    entries.push({
      id: comment.id,
      kind: comment.visibility === 'team' ? 'note' : 'comment',
      at: comment.createdAt,
      actor: commentAuthor(comment, viewer, staff),
      text: comment.body,
      coFinderEntryId: comment.finderId,
      data: {
        purpose: comment.purpose,
        // A co-finder reads staff's words on the report's thread, not the report's files.
        files: staff || access.view === 'reporter' || comment.finderId !== null ? comment.attachments : [],
      },
    });
  }

  entries.push(...verificationSummaries(othersAnswers));

  return entries
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id))
    .map((entry) => ({ ...entry, at: entry.at.toISOString() }));
}

function ownAnswer(data: Record<string, unknown>): Record<string, unknown> {
  return {
    ...Object.fromEntries(ownAnswerData.filter((key) => key in data).map((key) => [key, data[key]])),
    mine: true,
  };
}

/**
 * Other people's answers to a customer: per round of requests one entry, at the latest answer,
 * saying only how many found the fix working and how many still broken; no identity, no note.
 */
function verificationSummaries(answers: { event: TimelineEvent; data: Record<string, unknown> }[]) {
  const rounds = new Map<unknown, { last: TimelineEvent; fixed: number; stillBroken: number }>();
  for (const { event, data } of answers) {
    const round = rounds.get(data.round) ?? { last: event, fixed: 0, stillBroken: 0 };
    if (data.result === 'fixed') round.fixed += 1;
    else if (data.result === 'still_broken') round.stillBroken += 1;
    if (event.createdAt >= round.last.createdAt) round.last = event;
    rounds.set(data.round, round);
  }
  return [...rounds].map(([round, summary]) => ({
    ...base(summary.last),
    kind: 'verification_summary',
    actor: null,
    data: { round, fixed: summary.fixed, stillBroken: summary.stillBroken },
  }));
}

function base(event: TimelineEvent) {
  return { id: event.id, kind: event.kind, at: event.createdAt, text: null, coFinderEntryId: null };
}

/**
 * A customer reads public comments of their own thread: the reporter the report's, a co-finder their
 * entry's. From the report's thread a co-finder also reads what staff and engineering wrote to
 * everyone, but not what the reporter (or any other customer) wrote there.
 */
function customerReads(comment: TimelineComment, viewer: SessionUser, access: ReportAccess): boolean {
  if (comment.visibility !== 'public') return false;
  if (access.view === 'reporter') return comment.finderId === null;
  if (access.view !== 'co-finder') return false;
  if (comment.finderId !== null) return comment.finderId === access.finderId;
  if (comment.author) return comment.author.role !== 'mvp' || comment.author.id === viewer.id;
  return true;
}

function commentAuthor(comment: TimelineComment, viewer: SessionUser, staff: boolean): ReportPerson {
  // A comment written on GitHub by someone without a portal account: staff see the login; for a
  // customer it is engineering speaking (only members' comments reach them).
  if (!comment.author && !staff) return engineering;
  return toPerson(comment.author, viewer, comment.authorLogin);
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
