import type { Emulator } from './emulator.ts';
import { commentJson, issueJson, labelJson, repositoryJson, simpleUser } from './github-shapes.ts';
import type { CommentRecord, IssueRecord, RepoRecord, StateReason } from './store.ts';

/**
 * The changes GitHub knows, each with the webhooks GitHub sends for it. The REST API (the app's
 * own writes) and the control API (a person in GitHub's UI) both go through here, so both emit
 * the same deliveries, as on GitHub.
 */
export type IssueChanges = {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: StateReason;
  labels?: string[];
  /** Closing as duplicate of this issue, as GitHub's "Close as duplicate" (GraphQL closeIssue) does. */
  duplicateOf?: IssueRecord;
};

// GitHub marks an issue as a duplicate when someone with write access writes "Duplicate of #N" in
// the body of a new comment (docs: "About duplicate issues and pull requests").
const duplicateComment = /\bduplicate of #(\d+)\b/gi;
const writeAccess = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export function openIssue(
  emulator: Emulator,
  repo: RepoRecord,
  fields: { title: string; body: string | null; labels: string[]; login: string },
): IssueRecord {
  const issue = emulator.store.addIssue(repo, {
    title: fields.title,
    body: fields.body,
    labels: [],
    user: fields.login,
  });
  issue.labels = emulator.store.labelNames(repo, fields.labels);
  issuesEvent(emulator, issue, fields.login, { action: 'opened' });
  // GitHub follows `opened` with one `labeled` per label the issue was created with.
  for (const name of issue.labels) labeledEvent(emulator, issue, fields.login, 'labeled', name);
  return issue;
}

export function changeIssue(emulator: Emulator, issue: IssueRecord, changes: IssueChanges, login: string): IssueRecord {
  const now = emulator.store.now();
  let touched = false;
  const edited: Record<string, { from: string }> = {};
  if (changes.title !== undefined && changes.title !== issue.title) {
    edited.title = { from: issue.title };
    issue.title = changes.title;
  }
  if (changes.body !== undefined && changes.body !== issue.body) {
    edited.body = { from: issue.body ?? '' };
    issue.body = changes.body;
  }
  if (Object.keys(edited).length > 0) touched = true;

  let stateAction: 'closed' | 'reopened' | null = null;
  if (changes.state === 'closed') {
    const reason = changes.stateReason === undefined ? 'completed' : (changes.stateReason ?? 'completed');
    if (issue.state !== 'closed') {
      issue.state = 'closed';
      issue.closedAt = now;
      issue.closedBy = login;
      stateAction = 'closed';
    }
    if (issue.stateReason !== reason) touched = true;
    issue.stateReason = reason;
    if (reason === 'duplicate' && changes.duplicateOf) {
      issue.timeline.push({ kind: 'marked_as_duplicate', at: now, actor: login, canonical: changes.duplicateOf });
      touched = true;
    }
    if (stateAction) issue.timeline.push({ kind: 'closed', at: now, actor: login });
  } else if (changes.state === 'open' && issue.state !== 'open') {
    issue.state = 'open';
    issue.stateReason = 'reopened';
    issue.closedAt = null;
    issue.closedBy = null;
    stateAction = 'reopened';
    issue.timeline.push({ kind: 'reopened', at: now, actor: login });
  }

  let added: string[] = [];
  let removed: string[] = [];
  if (changes.labels !== undefined) {
    const next = emulator.store.labelNames(issue.repo, changes.labels);
    added = next.filter((name) => !issue.labels.includes(name));
    removed = issue.labels.filter((name) => !next.includes(name));
    issue.labels = next;
  }

  if (touched || stateAction || added.length > 0 || removed.length > 0) issue.updatedAt = now;
  if (Object.keys(edited).length > 0) issuesEvent(emulator, issue, login, { action: 'edited', changes: edited });
  if (stateAction) issuesEvent(emulator, issue, login, { action: stateAction });
  for (const name of removed) labeledEvent(emulator, issue, login, 'unlabeled', name);
  for (const name of added) labeledEvent(emulator, issue, login, 'labeled', name);
  return issue;
}

/** Moves the issue (with its comments) to another repository under a new number. */
export function transferIssue(emulator: Emulator, issue: IssueRecord, target: RepoRecord, login: string): IssueRecord {
  const labels = issue.labels.filter((name) => emulator.store.findLabel(target, name));
  const moved = emulator.store.addIssue(target, { title: issue.title, body: issue.body, labels, user: issue.user });
  moved.state = issue.state;
  moved.stateReason = issue.stateReason;
  moved.closedAt = issue.closedAt;
  moved.closedBy = issue.closedBy;
  moved.createdAt = issue.createdAt;
  for (const comment of emulator.store.commentsOf(issue)) comment.issue = moved;
  issue.transferredTo = moved;
  issue.updatedAt = emulator.store.now();
  issuesEvent(emulator, issue, login, {
    action: 'transferred',
    changes: {
      new_issue: issueJson(emulator.base, emulator.store, moved),
      new_repository: repositoryJson(emulator.base, emulator.store, target),
    },
  });
  issuesEvent(emulator, moved, login, { action: 'opened' });
  return moved;
}

export function deleteIssue(emulator: Emulator, issue: IssueRecord, login: string): void {
  issue.deletedAt = emulator.store.now();
  issuesEvent(emulator, issue, login, { action: 'deleted' });
}

export function addComment(emulator: Emulator, issue: IssueRecord, body: string, login: string): CommentRecord {
  const comment = emulator.store.addComment(issue, body, login);
  issue.updatedAt = comment.createdAt;
  const named = [...body.matchAll(duplicateComment)].at(-1)?.[1];
  const canonical = named ? issue.repo.issues.get(Number(named)) : undefined;
  if (canonical && canonical !== issue && writeAccess.has(emulator.store.associationOf(issue.repo, login))) {
    issue.timeline.push({ kind: 'marked_as_duplicate', at: comment.createdAt, actor: login, canonical });
  }
  commentEvent(emulator, comment, login, { action: 'created' });
  return comment;
}

export function editComment(emulator: Emulator, comment: CommentRecord, body: string, login: string): CommentRecord {
  if (body === comment.body) return comment;
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = emulator.store.now();
  commentEvent(emulator, comment, login, { action: 'edited', changes: { body: { from } } });
  return comment;
}

export function deleteComment(emulator: Emulator, comment: CommentRecord, login: string): void {
  emulator.store.comments.delete(comment.id);
  comment.issue.updatedAt = emulator.store.now();
  commentEvent(emulator, comment, login, { action: 'deleted' });
}

function common(emulator: Emulator, repo: RepoRecord, login: string) {
  return {
    repository: repositoryJson(emulator.base, emulator.store, repo),
    sender: simpleUser(emulator.base, emulator.store.user(login)),
    ...(emulator.config.app ? { installation: { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' } } : {}),
  };
}

function issuesEvent(emulator: Emulator, issue: IssueRecord, login: string, fields: Record<string, unknown>): void {
  const payload = {
    ...fields,
    issue: issueJson(emulator.base, emulator.store, issue),
    ...common(emulator, issue.repo, login),
  };
  emulator.webhooks.emit('issues', payload, target(issue));
}

function labeledEvent(
  emulator: Emulator,
  issue: IssueRecord,
  login: string,
  action: 'labeled' | 'unlabeled',
  name: string,
): void {
  const label = emulator.store.findLabel(issue.repo, name);
  const payload = {
    action,
    issue: issueJson(emulator.base, emulator.store, issue),
    ...(label ? { label: labelJson(emulator.base, issue.repo, label) } : {}),
    ...common(emulator, issue.repo, login),
  };
  emulator.webhooks.emit('issues', payload, target(issue));
}

function commentEvent(emulator: Emulator, comment: CommentRecord, login: string, fields: Record<string, unknown>) {
  const payload = {
    ...fields,
    issue: issueJson(emulator.base, emulator.store, comment.issue),
    comment: commentJson(emulator.base, emulator.store, comment),
    ...common(emulator, comment.issue.repo, login),
  };
  emulator.webhooks.emit('issue_comment', payload, target(comment.issue));
}

function target(issue: IssueRecord) {
  return { repo: `${issue.repo.owner}/${issue.repo.name}`, issueNumber: issue.number };
}
