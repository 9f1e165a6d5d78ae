import type { Emulator } from './emulator.ts';
import { commentJson } from './github-shapes.ts';
import { addComment, deleteComment, editComment } from './issue-actions.ts';
import {
  asObject,
  findIssue,
  findRepo,
  notFound,
  paginate,
  type RestAnswer,
  type RestRequest,
  type Route,
  sinceParam,
  tooLong,
  validationFailed,
} from './rest-support.ts';
import type { CommentRecord } from './store.ts';

const repoPath = '^\\/repos\\/(?<owner>[^/]+)\\/(?<repo>[^/]+)';

export const commentRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${repoPath}\\/issues\\/comments$`),
    handle: listRepoComments,
  },
  {
    method: 'GET',
    pattern: new RegExp(`${repoPath}\\/issues\\/comments\\/(?<id>\\d+)$`),
    handle: (emulator, request) => {
      const comment = findComment(emulator, request);
      if ('status' in comment) return comment;
      return { status: 200, body: commentJson(emulator.base, emulator.store, comment) };
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${repoPath}\\/issues\\/comments\\/(?<id>\\d+)$`),
    handle: (emulator, request) => {
      const comment = findComment(emulator, request);
      if ('status' in comment) return comment;
      const body = commentBody(request);
      if (typeof body !== 'string') return body;
      editComment(emulator, comment, body, request.login);
      return { status: 200, body: commentJson(emulator.base, emulator.store, comment) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${repoPath}\\/issues\\/comments\\/(?<id>\\d+)$`),
    handle: (emulator, request) => {
      const comment = findComment(emulator, request);
      if ('status' in comment) return comment;
      deleteComment(emulator, comment, request.login);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/comments$`),
    handle: (emulator, request) => {
      const issue = findIssue(emulator, request.params);
      if ('status' in issue) return issue;
      const since = sinceParam(request);
      if (since === null) return validationFailed('IssueComment', 'since', 'invalid');
      const comments = emulator.store
        .commentsOf(issue)
        .filter((comment) => since === undefined || Math.floor(comment.updatedAt / 1000) >= Math.floor(since / 1000));
      const { page, headers } = paginate(emulator, request, comments);
      return { status: 200, headers, body: page.map((comment) => commentJson(emulator.base, emulator.store, comment)) };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/comments$`),
    contentCreate: true,
    handle: (emulator, request) => {
      const issue = findIssue(emulator, request.params);
      if ('status' in issue) return issue;
      const body = commentBody(request);
      if (typeof body !== 'string') return body;
      const comment = addComment(emulator, issue, body, request.login);
      const answer = commentJson(emulator.base, emulator.store, comment);
      return { status: 201, headers: { location: answer.url }, body: answer };
    },
  },
];

function listRepoComments(emulator: Emulator, request: RestRequest): RestAnswer {
  const repo = findRepo(emulator, request.params);
  if ('status' in repo) return repo;
  const since = sinceParam(request);
  if (since === null) return validationFailed('IssueComment', 'since', 'invalid');
  const sort = request.query.get('sort') ?? 'created';
  // GitHub ignores direction unless sort is given; the default order is ascending.
  const direction = request.query.has('sort') ? (request.query.get('direction') ?? 'desc') : 'asc';
  const key = (comment: CommentRecord) => (sort === 'updated' ? comment.updatedAt : comment.createdAt);
  const comments = [...emulator.store.comments.values()]
    .filter(
      (comment) =>
        comment.issue.repo === repo &&
        comment.issue.deletedAt === null &&
        (since === undefined || Math.floor(comment.updatedAt / 1000) >= Math.floor(since / 1000)),
    )
    .sort((a, b) => (key(a) - key(b) || a.id - b.id) * (direction === 'asc' ? 1 : -1));
  const { page, headers } = paginate(emulator, request, comments);
  return { status: 200, headers, body: page.map((comment) => commentJson(emulator.base, emulator.store, comment)) };
}

function findComment(emulator: Emulator, request: RestRequest): CommentRecord | RestAnswer {
  const repo = findRepo(emulator, request.params);
  if ('status' in repo) return repo;
  const comment = emulator.store.comments.get(Number(request.params.id));
  if (!comment || comment.issue.repo !== repo || comment.issue.deletedAt !== null) return notFound();
  return comment;
}

function commentBody(request: RestRequest): string | RestAnswer {
  const { body } = asObject(request.body);
  if (typeof body !== 'string' || body.trim() === '') return validationFailed('IssueComment', 'body', 'missing_field');
  return tooLong('IssueComment', 'body', body) ?? body;
}
