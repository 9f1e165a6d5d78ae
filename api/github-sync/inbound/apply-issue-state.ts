import type { Prisma } from '../../generated/prisma/client.ts';
import { notifyFinders } from '../../notices/notify-finders.ts';
import { requestVerifications } from '../../verification/request-verifications.ts';
import { type GithubIssue, repoOfIssue } from '../client/github.schemas.ts';
import { findReportByIssue } from './find-report-by-issue.ts';
import { isBeyondNow } from './github-time.ts';
import type { InboundProgram, InboundSettings, Tx } from './inbound-context.ts';
import { moveIssue } from './move-issue.ts';

type Status = 'new' | 'synced' | 'triaged' | 'needs_info' | 'fixed' | 'not_planned' | 'duplicate';

export type ApplyOutcome =
  | { kind: 'applied'; reportId: string; changes: string[]; status: Status }
  | { kind: 'unchanged'; reportId: string; status: Status }
  | { kind: 'stale' | 'deleted'; reportId: string }
  /** The state claims a time after now, and GitHub could not be asked what is true: nothing applied. */
  | { kind: 'untrusted'; reportId: string }
  | { kind: 'no_report' };

const reportStateSelect = {
  id: true,
  status: true,
  priority: true,
  triagedAt: true,
  prioritisedAt: true,
  fixedAt: true,
  fixedInBuild: true,
  duplicateOfId: true,
  issueRepo: true,
  issueNumber: true,
  issueState: true,
  issueStateReason: true,
  issueLabels: true,
  issueUpdatedAt: true,
  issueDeletedAt: true,
} satisfies Prisma.ReportSelect;
type ReportState = Prisma.ReportGetPayload<{ select: typeof reportStateSelect }>;

/**
 * Applies an issue's state to its report: the issue's CURRENT state wins, whatever order webhooks
 * arrive in. A state older than the one applied (by `updated_at`) is dropped; on an equal
 * `updated_at` with a different state (two changes within GitHub's one-second resolution) the issue
 * is read from GitHub when a client is configured, else the later arrival wins. An `updated_at`
 * beyond now (plus the clocks' drift) is not believed: the issue is read from GitHub and what GitHub
 * says is applied instead, or nothing when GitHub cannot be asked. A stored `updated_at` beyond now
 * (kept before such states were refused) orders nothing, so the next true state heals it.
 *
 * Labels give the priority by the program's mapping (the highest level present wins), state and
 * `state_reason` the status; the timeline records real changes only, and everyone who found
 * the bug is told when it first gets a priority level (any level: the threshold decides only the
 * metric), when engineering asks for information, and how it was closed; a fix asks them to verify it.
 * Runs in the caller's transaction, with the report row locked. Linking a duplicate to its canonical
 * report is the caller's next step (linkDuplicate), once the status says `duplicate`.
 */
export async function applyIssueState(options: {
  tx: Tx;
  program: InboundProgram;
  issue: GithubIssue;
  settings: InboundSettings;
  /** The report; found by the issue's repository and number when not given. */
  reportId?: string;
  /**
   * The issue as GitHub has it now (null when GitHub could not be asked), for a state dated ahead of
   * now or tying the stored one; read before the transaction (read-before-apply.ts).
   */
  refetch: () => GithubIssue | null;
}): Promise<ApplyOutcome> {
  const { tx, program, settings } = options;
  let issue = options.issue;
  const reportId = options.reportId ?? (await findReportByIssue(tx, repoOfIssue(issue), issue.number));
  if (!reportId) return { kind: 'no_report' };
  await tx.$queryRaw`select id from "Report" where id = ${reportId}::uuid for no key update`;
  const report = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: reportStateSelect });
  if (report.issueDeletedAt) return { kind: 'deleted', reportId };

  const { refetch } = options;
  let incoming = Date.parse(issue.updated_at);
  if (isBeyondNow(incoming)) {
    const current = refetch();
    if (!current || isBeyondNow(Date.parse(current.updated_at))) return { kind: 'untrusted', reportId };
    issue = current;
    incoming = Date.parse(current.updated_at);
  }
  const storedAt = report.issueUpdatedAt?.getTime();
  const stored = storedAt === undefined || isBeyondNow(storedAt) ? undefined : storedAt;
  if (stored !== undefined && incoming < stored) {
    await backdateTriage(tx, program, report, issue);
    return { kind: 'stale', reportId };
  }
  if (stored !== undefined && incoming === stored) {
    if (sameState(report, issue)) return { kind: 'unchanged', reportId, status: report.status };
    const current = refetch();
    if (current && Date.parse(current.updated_at) >= stored) issue = current;
  }

  const changes: string[] = [];
  const repo = repoOfIssue(issue);
  if (
    report.issueRepo &&
    (repo.toLowerCase() !== report.issueRepo.toLowerCase() || issue.number !== report.issueNumber)
  ) {
    // A refetch followed a transfer: the report follows the issue.
    if (await moveIssue(tx, { reportId, to: { repo, number: issue.number, id: issue.id, url: issue.html_url } }))
      changes.push(`moved to ${repo}#${issue.number}`);
  }

  const labels = issue.labels.map((label) => label.name);
  const priority = priorityOf(program, labels);
  const isPriority = priority !== null && atOrAbove(program, priority);
  const needsInfo = issue.state === 'open' && hasAny(labels, program.needsInfoLabels);
  const status = statusOf(issue, { prioritised: priority !== null, needsInfo });
  const fixedInBuild = fixedInOf(program, labels) ?? report.fixedInBuild;
  // GitHub's closed_at is the issue's latest close, in every state it sends after it: a state that
  // skipped a reopen and a second close still says when the issue was fixed. Without one (issues
  // closed before GitHub kept it) the first close seen stands.
  const fixedAt =
    status !== 'fixed'
      ? null
      : issue.closed_at
        ? new Date(issue.closed_at)
        : report.status === 'fixed' && report.fixedAt
          ? report.fixedAt
          : new Date(issue.updated_at);
  // First seen with a priority level: kept when the label goes, so "when was it triaged" stays answerable.
  const triagedAt = report.triagedAt ?? (isPriority ? new Date(issue.updated_at) : null);
  // First seen with any level: what the finders are told of (the threshold decides only the metric).
  const prioritisedAt = report.prioritisedAt ?? (priority !== null ? new Date(issue.updated_at) : null);
  const reopened = status !== 'duplicate' && report.duplicateOfId !== null;

  await tx.report.update({
    where: { id: reportId },
    data: {
      status,
      priority,
      triagedAt,
      prioritisedAt,
      fixedAt,
      fixedInBuild,
      ...(reopened ? { duplicateOfId: null } : {}),
      issueState: issue.state,
      issueStateReason: issue.state_reason ?? null,
      issueLabels: labels,
      issueUpdatedAt: new Date(issue.updated_at),
      issueId: BigInt(issue.id),
      issueUrl: issue.html_url,
    },
    select: { id: true },
  });

  // One change on GitHub is one entry on the timeline: the first priority level is "triaged" (which
  // says the level and the status it brings); a status change that comes with a new level says both.
  const events: { kind: string; data: Prisma.InputJsonObject }[] = [];
  const priorityChanged = report.priority !== priority;
  // new → synced is the outbound sync's own 'synced' event.
  const statusChanged = report.status !== status && !(report.status === 'new' && status === 'synced');
  const firstTriage = !report.prioritisedAt && !!prioritisedAt && !!priority;
  if (priorityChanged) changes.push(`priority ${report.priority ?? 'none'} → ${priority ?? 'none'}`);
  if (statusChanged) changes.push(`status ${report.status} → ${status}`);
  if (firstTriage) events.push({ kind: 'triaged', data: { priority, from: report.status } });
  if (statusChanged && !(firstTriage && status === 'triaged')) {
    const withPriority = priorityChanged && !firstTriage ? { priorityFrom: report.priority, priorityTo: priority } : {};
    events.push({
      kind: 'status_changed',
      data: { from: report.status, to: status, stateReason: issue.state_reason ?? null, ...withPriority },
    });
  } else if (priorityChanged && !firstTriage) {
    events.push({ kind: 'priority_changed', data: { from: report.priority, to: priority } });
  }
  for (const event of events) {
    await tx.reportEvent.create({ data: { reportId, kind: event.kind, data: event.data }, select: { id: true } });
  }

  const notices = { settings, reportId };
  if (!report.prioritisedAt && prioritisedAt && priority && issue.state === 'open') {
    await notifyFinders(tx, { ...notices, notice: { kind: 'triaged', priority } });
  }
  if (status === 'fixed' && report.status !== 'fixed') {
    const asked = await requestVerifications(tx, { reportId, build: fixedInBuild });
    if (asked.asked.length) {
      await tx.reportEvent.create({
        data: { reportId, kind: 'verification_requested', data: { build: asked.build, round: asked.round } },
        select: { id: true },
      });
      changes.push(`verification asked of ${asked.asked.length}`);
    }
    // The finders of its duplicates are told too: their reports follow this one.
    await notifyFinders(tx, {
      ...notices,
      duplicates: true,
      notice: { kind: 'fixed', build: asked.build, verify: asked.asked.length > 0 },
    });
  }
  if (report.status === 'fixed' && status !== 'fixed') {
    // Reopened: a check of a fix that no longer stands is not asked for any more.
    await tx.verification.updateMany({ where: { reportId, status: 'pending' }, data: { status: 'expired' } });
  }
  if (status === 'not_planned' && report.status !== 'not_planned' && !report.issueDeletedAt) {
    await notifyFinders(tx, { ...notices, notice: { kind: 'not_planned' } });
  }
  if (status === 'duplicate' && report.status !== 'duplicate') {
    await notifyFinders(tx, { ...notices, notice: { kind: 'duplicate' } });
  }
  const before = new Set(report.issueLabels.map((label) => label.toLowerCase()));
  const askedNow = program.needsInfoLabels.some(
    (wanted) =>
      labels.some((label) => label.toLowerCase() === wanted.toLowerCase()) && !before.has(wanted.toLowerCase()),
  );
  if (askedNow && issue.state === 'open') {
    const question = await lastEngineeringComment(tx, reportId);
    await notifyFinders(tx, { ...notices, notice: { kind: 'needs_info', ...(question ? { question } : {}) } });
    changes.push('needs info');
  }
  if (reopened) changes.push('duplicate link cleared');
  return changes.length ? { kind: 'applied', reportId, changes, status } : { kind: 'unchanged', reportId, status };
}

/**
 * A state too old to apply still says when the issue first carried a priority label: time to triage
 * runs to the earliest priority state GitHub sent, not to the first one that happened to arrive
 * (a relabel delivered before the issue's `opened` would otherwise count as its triage).
 */
async function backdateTriage(tx: Tx, program: InboundProgram, report: ReportState, issue: GithubIssue) {
  const priority = priorityOf(
    program,
    issue.labels.map((label) => label.name),
  );
  if (priority === null || !atOrAbove(program, priority)) return;
  const at = new Date(issue.updated_at);
  if (report.triagedAt && report.triagedAt <= at) return;
  await tx.report.update({ where: { id: report.id }, data: { triagedAt: at }, select: { id: true } });
}

/**
 * Whether the stored state is what the issue says: state, reason and labels (labels compare without
 * case or order). A state tying the stored one's updated_at and saying the same needs no refetch.
 */
export function sameState(
  report: Pick<ReportState, 'issueState' | 'issueStateReason' | 'issueLabels'>,
  issue: Pick<GithubIssue, 'state' | 'state_reason' | 'labels'>,
): boolean {
  const labels = (list: string[]) =>
    list
      .map((label) => label.toLowerCase())
      .sort()
      .join('\n');
  return (
    report.issueState === issue.state &&
    (report.issueStateReason ?? null) === (issue.state_reason ?? null) &&
    labels(report.issueLabels) === labels(issue.labels.map((label) => label.name))
  );
}

/** The program's level for the labels: the highest level any label maps to (labels compare without case). */
export function priorityOf(
  program: Pick<InboundProgram, 'priorityLevels' | 'priorityLabels'>,
  labels: string[],
): string | null {
  const present = new Set(labels.map((label) => label.toLowerCase()));
  const mapping = Array.isArray(program.priorityLabels) ? program.priorityLabels : [];
  let best: number | null = null;
  for (const entry of mapping) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const { label, level } = entry as { label?: unknown; level?: unknown };
    if (typeof label !== 'string' || typeof level !== 'string' || !present.has(label.toLowerCase())) continue;
    const rank = program.priorityLevels.indexOf(level);
    if (rank >= 0 && (best === null || rank < best)) best = rank;
  }
  return best === null ? null : (program.priorityLevels[best] ?? null);
}

function atOrAbove(program: Pick<InboundProgram, 'priorityLevels' | 'priorityThreshold'>, level: string): boolean {
  const rank = program.priorityLevels.indexOf(level);
  const threshold = program.priorityLevels.indexOf(program.priorityThreshold);
  return rank >= 0 && threshold >= 0 && rank <= threshold;
}

function hasAny(labels: string[], wanted: string[]): boolean {
  const present = new Set(labels.map((label) => label.toLowerCase()));
  return wanted.some((label) => present.has(label.toLowerCase()));
}

/** The build a "fixed in: <build>" label names (the program sets the prefix), the last such label. */
export function fixedInOf(program: Pick<InboundProgram, 'fixedInLabelPrefix'>, labels: string[]): string | null {
  const prefix = program.fixedInLabelPrefix.toLowerCase();
  if (!prefix.trim()) return null;
  const named = labels
    .filter((label) => label.toLowerCase().startsWith(prefix))
    .map((label) => label.slice(prefix.length).trim())
    .filter(Boolean);
  return named.at(-1) ?? null;
}

/** What engineering asked: the newest comment from GitHub that reaches customers, on the report's own thread. */
async function lastEngineeringComment(tx: Tx, reportId: string) {
  const comment = await tx.reportComment.findFirst({
    where: { reportId, visibility: 'public', authorLogin: { not: null }, finderId: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { authorLogin: true, body: true },
  });
  return comment ? { author: comment.authorLogin ?? 'Engineering', body: comment.body } : null;
}

function statusOf(issue: GithubIssue, open: { prioritised: boolean; needsInfo: boolean }): Status {
  // The reporter's next step first: a question waits for them whatever the priority.
  if (issue.state === 'open') return open.needsInfo ? 'needs_info' : open.prioritised ? 'triaged' : 'synced';
  if (issue.state_reason === 'not_planned') return 'not_planned';
  if (issue.state_reason === 'duplicate') return 'duplicate';
  // `completed`, or null on issues closed before GitHub had reasons.
  return 'fixed';
}
