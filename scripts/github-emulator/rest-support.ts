import type { IncomingHttpHeaders } from 'node:http';
import type { Emulator } from './emulator.ts';
import { issueApiUrl } from './github-shapes.ts';
import type { IssueRecord, RepoRecord } from './store.ts';

/** What every REST handler gets and returns; server.ts does the HTTP around it. */
export type RestRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The login the credentials act as ('' for routes that authenticate themselves). */
  login: string;
};

export type RestAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

export type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** Creates content (issues, comments): subject to the secondary content limits. */
  contentCreate?: boolean;
  /** 'jwt': the app's JSON web token instead of a token; 'free': does not count against the budget. */
  auth?: 'token' | 'jwt' | 'free';
  handle: (emulator: Emulator, request: RestRequest) => RestAnswer | Promise<RestAnswer>;
};

const docs = 'https://docs.github.com/rest';

/** GitHub's error body: message, documentation_url and the status as a string. */
export function githubError(status: number, message: string, extra: Record<string, unknown> = {}): RestAnswer {
  return { status, body: { message, ...extra, documentation_url: docs, status: String(status) } };
}

export function notFound(): RestAnswer {
  return githubError(404, 'Not Found');
}

/** 422 the way GitHub reports invalid fields. */
export function validationFailed(resource: string, field: string, code: string, message?: string): RestAnswer {
  return githubError(422, 'Validation Failed', {
    errors: [{ resource, code, field, ...(message ? { message } : {}) }],
  });
}

/** GitHub's length limits, in characters (code points, as GitHub counts them). */
export const githubLengthLimits = { title: 256, body: 65_536 } as const;

/** GitHub's 422 for a title or body over its limit, or null when within it. */
export function tooLong(resource: string, field: keyof typeof githubLengthLimits, value: string): RestAnswer | null {
  const max = githubLengthLimits[field];
  if ([...value].length <= max) return null;
  return validationFailed(resource, field, 'custom', `${field} is too long (maximum is ${max} characters)`);
}

export function findRepo(emulator: Emulator, params: Record<string, string>): RepoRecord | RestAnswer {
  const found = emulator.store.findRepo(params.owner ?? '', params.repo ?? '');
  if (found) return found;
  if (emulator.config.anyRepo && params.owner && params.repo)
    return emulator.store.ensureRepo(params.owner, params.repo);
  return notFound();
}

/** The issue, or GitHub's answer for one that moved (301), was deleted (410) or never existed (404). */
export function findIssue(emulator: Emulator, params: Record<string, string>): IssueRecord | RestAnswer {
  const repo = findRepo(emulator, params);
  if ('status' in repo) return repo;
  const issue = repo.issues.get(Number(params.number));
  if (!issue) return notFound();
  if (issue.transferredTo) {
    let moved = issue.transferredTo;
    while (moved.transferredTo) moved = moved.transferredTo;
    const location = issueApiUrl(emulator.base, moved);
    return {
      status: 301,
      headers: { location },
      body: { message: 'Moved Permanently', url: location, documentation_url: docs },
    };
  }
  if (issue.deletedAt !== null) return githubError(410, 'This issue was deleted');
  return issue;
}

/** `per_page` (default 30, at most 100) and `page`, with GitHub's Link header. */
export function paginate<T>(
  emulator: Emulator,
  request: RestRequest,
  items: T[],
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page')) || 30));
  const page = Math.max(1, Number(request.query.get('page')) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('per_page', String(perPage));
    query.set('page', String(target));
    return `<${emulator.base}${request.path}?${query}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

/** Parses an ISO 8601 `since`; undefined when absent, null when invalid. */
export function sinceParam(request: RestRequest): number | undefined | null {
  const since = request.query.get('since');
  if (since === null) return undefined;
  const at = Date.parse(since);
  return Number.isNaN(at) ? null : at;
}

export function asObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
