import type { Emulator } from './emulator.ts';
import { issueApiUrl, issueJson } from './github-shapes.ts';
import { changeIssue, type IssueChanges, openIssue } from './issue-actions.ts';
import {
  asObject,
  findIssue,
  findRepo,
  paginate,
  type RestAnswer,
  type RestRequest,
  type Route,
  sinceParam,
  tooLong,
  validationFailed,
} from './rest-support.ts';
import type { IssueRecord, StateReason } from './store.ts';

const stateReasons = ['completed', 'not_planned', 'duplicate', 'reopened'];

export const issueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues$/,
    handle: listIssues,
  },
  {
    method: 'POST',
    pattern: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues$/,
    contentCreate: true,
    handle: createIssue,
  },
  {
    method: 'GET',
    pattern: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<number>\d+)$/,
    handle: (emulator, request) => {
      const issue = findIssue(emulator, request.params);
      if ('status' in issue) return issue;
      return { status: 200, body: issueJson(emulator.base, emulator.store, issue) };
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<number>\d+)$/,
    handle: updateIssue,
  },
];

function listIssues(emulator: Emulator, request: RestRequest): RestAnswer {
  const repo = findRepo(emulator, request.params);
  if ('status' in repo) return repo;
  const { query } = request;
  const state = query.get('state') ?? 'open';
  if (!['open', 'closed', 'all'].includes(state)) return validationFailed('Issue', 'state', 'invalid');
  const since = sinceParam(request);
  if (since === null) return validationFailed('Issue', 'since', 'invalid');
  const labels = (query.get('labels') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const creator = query.get('creator')?.toLowerCase();
  const sort = query.get('sort') ?? 'created';
  const direction = query.get('direction') ?? 'desc';
  const sinceSeconds = since === undefined ? undefined : Math.floor(since / 1000);
  const issues = emulator.store.liveIssues(repo).filter(
    (issue) =>
      (state === 'all' || issue.state === state) &&
      labels.every((name) => issue.labels.some((label) => label.toLowerCase() === name)) &&
      (creator === undefined || issue.user.toLowerCase() === creator) &&
      // GitHub compares whole seconds: "updated at or after".
      (sinceSeconds === undefined || Math.floor(issue.updatedAt / 1000) >= sinceSeconds),
  );
  const key = (issue: IssueRecord) =>
    sort === 'updated'
      ? issue.updatedAt
      : sort === 'comments'
        ? emulator.store.commentsOf(issue).length
        : issue.createdAt;
  issues.sort((a, b) => (key(a) - key(b) || a.number - b.number) * (direction === 'asc' ? 1 : -1));
  const { page, headers } = paginate(emulator, request, issues);
  return { status: 200, headers, body: page.map((issue) => issueJson(emulator.base, emulator.store, issue)) };
}

function createIssue(emulator: Emulator, request: RestRequest): RestAnswer {
  const repo = findRepo(emulator, request.params);
  if ('status' in repo) return repo;
  const body = asObject(request.body);
  const title = typeof body.title === 'number' ? String(body.title) : body.title;
  if (typeof title !== 'string' || title.trim() === '') return validationFailed('Issue', 'title', 'missing_field');
  const longTitle = tooLong('Issue', 'title', title);
  if (longTitle) return longTitle;
  if (body.body !== undefined && body.body !== null && typeof body.body !== 'string')
    return validationFailed('Issue', 'body', 'invalid');
  const longBody = typeof body.body === 'string' ? tooLong('Issue', 'body', body.body) : null;
  if (longBody) return longBody;
  const labels = labelNames(body.labels);
  if (labels === null) return validationFailed('Issue', 'labels', 'invalid');
  const issue = openIssue(emulator, repo, {
    title,
    body: typeof body.body === 'string' ? body.body : null,
    labels,
    login: request.login,
  });
  return {
    status: 201,
    headers: { location: issueApiUrl(emulator.base, issue) },
    body: issueJson(emulator.base, emulator.store, issue),
  };
}

function updateIssue(emulator: Emulator, request: RestRequest): RestAnswer {
  const issue = findIssue(emulator, request.params);
  if ('status' in issue) return issue;
  const body = asObject(request.body);
  const changes = parseIssueChanges(body);
  if ('status' in changes) return changes;
  changeIssue(emulator, issue, changes, request.login);
  return { status: 200, body: issueJson(emulator.base, emulator.store, issue) };
}

/** The fields of an issue PATCH (also used by the control API), validated like GitHub does. */
export function parseIssueChanges(body: Record<string, unknown>): IssueChanges | RestAnswer {
  const changes: IssueChanges = {};
  if (body.title !== undefined && body.title !== null) {
    if (typeof body.title !== 'string' && typeof body.title !== 'number')
      return validationFailed('Issue', 'title', 'invalid');
    if (String(body.title).trim() === '') return validationFailed('Issue', 'title', 'missing_field');
    const longTitle = tooLong('Issue', 'title', String(body.title));
    if (longTitle) return longTitle;
    changes.title = String(body.title);
  }
  if (body.body !== undefined) {
    if (body.body !== null && typeof body.body !== 'string') return validationFailed('Issue', 'body', 'invalid');
    const longBody = typeof body.body === 'string' ? tooLong('Issue', 'body', body.body) : null;
    if (longBody) return longBody;
    changes.body = body.body;
  }
  if (body.state !== undefined) {
    if (body.state !== 'open' && body.state !== 'closed') return validationFailed('Issue', 'state', 'invalid');
    changes.state = body.state;
  }
  if (body.state_reason !== undefined) {
    if (body.state_reason !== null && !stateReasons.includes(String(body.state_reason)))
      return validationFailed('Issue', 'state_reason', 'invalid');
    // GitHub ignores state_reason unless the state is given too.
    if (changes.state) changes.stateReason = body.state_reason as StateReason;
  }
  if (body.labels !== undefined) {
    const labels = labelNames(body.labels);
    if (labels === null) return validationFailed('Issue', 'labels', 'invalid');
    changes.labels = labels;
  }
  return changes;
}

/** Labels as GitHub accepts them: names, or objects with a name. Null when malformed. */
export function labelNames(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return null;
  const names: string[] = [];
  for (const entry of value) {
    const name =
      typeof entry === 'string'
        ? entry
        : entry && typeof entry === 'object'
          ? (entry as { name?: unknown }).name
          : null;
    if (typeof name !== 'string' || name.trim() === '') return null;
    names.push(name);
  }
  return names;
}
