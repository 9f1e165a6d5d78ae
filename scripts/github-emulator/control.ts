import type { Emulator } from './emulator.ts';
import { commentJson, issueJson, repositoryJson } from './github-shapes.ts';
import {
  addComment,
  changeIssue,
  deleteComment,
  deleteIssue,
  editComment,
  openIssue,
  transferIssue,
} from './issue-actions.ts';
import type { LimitsConfig } from './limits.ts';
import { labelNames, parseIssueChanges } from './rest-issues.ts';
import { asObject, findIssue, findRepo, type RestAnswer } from './rest-support.ts';
import type { Association, CommentRecord } from './store.ts';

/**
 * The control API under /_emulator (no auth, JSON): set up repositories, act as a person in
 * GitHub's UI (with the webhooks GitHub sends for that), inject faults and outages, steer webhook
 * delivery, and read what the client did (issues, counters, violations).
 */
export type ControlRequest = { method: string; path: string; query: URLSearchParams; raw: Buffer };

type Handler = (
  emulator: Emulator,
  body: Record<string, unknown>,
  request: ControlRequest,
  params: Record<string, string>,
) => RestAnswer | Promise<RestAnswer>;

// Acts in GitHub's UI, each with the webhooks GitHub sends for it (consts: the table below uses them).
const personOpensIssue = asPerson(findRepo, (repo, { emulator, body, login }) => {
  if (typeof body.title !== 'string' || !body.title) return bad('title is required');
  const labels = labelNames(body.labels);
  if (labels === null) return bad('labels must be names');
  const issue = openIssue(emulator, repo, {
    title: body.title,
    body: typeof body.body === 'string' ? body.body : null,
    labels,
    login,
  });
  return { status: 201, body: issueJson(emulator.base, emulator.store, issue) };
});

const personChangesIssue = asPerson(findIssue, (issue, { emulator, body, login }) => {
  const changes = parseIssueChanges(body);
  if ('status' in changes) return changes;
  changeIssue(emulator, issue, changes, login);
  return ok(issueJson(emulator.base, emulator.store, issue));
});

const personDeletesIssue = asPerson(findIssue, (issue, { emulator, login }) => {
  deleteIssue(emulator, issue, login);
  return { status: 204 };
});

const personTransfersIssue = asPerson(findIssue, (issue, { emulator, body, login }) => {
  const [owner, name] = typeof body.to === 'string' ? body.to.split('/') : [];
  if (!owner || !name) return bad('to must be "owner/name"');
  const target = emulator.store.ensureRepo(owner, name);
  const moved = transferIssue(emulator, issue, target, login);
  return ok(issueJson(emulator.base, emulator.store, moved));
});

const personComments = asPerson(findIssue, (issue, { emulator, body, login }) => {
  if (typeof body.body !== 'string' || !body.body) return bad('body is required');
  const comment = addComment(emulator, issue, body.body, login);
  return { status: 201, body: commentJson(emulator.base, emulator.store, comment) };
});

/** GitHub's "Close as duplicate" button: closed as duplicate, the original on the timeline, no comment. */
const personClosesAsDuplicate = asPerson(findIssue, (issue, { emulator, body, login }) => {
  const original = typeof body.of === 'number' ? issue.repo.issues.get(body.of) : undefined;
  if (!original || original === issue) return bad('of must be the number of another issue of the repository');
  changeIssue(emulator, issue, { state: 'closed', stateReason: 'duplicate', duplicateOf: original }, login);
  return ok(issueJson(emulator.base, emulator.store, issue));
});

const personEditsComment = asPerson(findComment, (comment, { emulator, body, login }) => {
  if (typeof body.body !== 'string' || !body.body) return bad('body is required');
  editComment(emulator, comment, body.body, login);
  return ok(commentJson(emulator.base, emulator.store, comment));
});

const personDeletesComment = asPerson(findComment, (comment, { emulator, login }) => {
  deleteComment(emulator, comment, login);
  return { status: 204 };
});

const repoPath = '^\\/_emulator\\/repos\\/(?<owner>[^/]+)\\/(?<repo>[^/]+)';
const handlers: { method: string; pattern: RegExp; handle: Handler }[] = [
  {
    method: 'POST',
    pattern: /^\/_emulator\/reset$/,
    handle: (emulator) => {
      emulator.reset();
      return ok();
    },
  },
  { method: 'POST', pattern: /^\/_emulator\/repos$/, handle: createRepo },
  {
    method: 'PUT',
    pattern: /^\/_emulator\/clock$/,
    // The time people's acts are dated with from now on (epoch ms; null: the wall clock again).
    handle: (emulator, body) => {
      const { at } = body;
      if (at !== null && (typeof at !== 'number' || !Number.isSafeInteger(at)))
        return { status: 422, body: { message: 'at: epoch milliseconds or null' } };
      emulator.store.setClock(at);
      return ok({ at: emulator.store.now() });
    },
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/oauth\/browser$/,
    // Who is signed in to GitHub in "the browser" that the OAuth web flow sends people to (null: nobody, they cancel).
    handle: (emulator, body) => {
      emulator.oauth.browserLogin = typeof body.login === 'string' && body.login ? body.login : null;
      return ok({ login: emulator.oauth.browserLogin });
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`${repoPath}\\/associations\\/(?<login>[^/]+)$`),
    handle: setAssociation,
  },
  { method: 'POST', pattern: new RegExp(`${repoPath}\\/issues$`), handle: personOpensIssue },
  { method: 'PATCH', pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)$`), handle: personChangesIssue },
  { method: 'DELETE', pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)$`), handle: personDeletesIssue },
  {
    method: 'POST',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/transfer$`),
    handle: personTransfersIssue,
  },
  { method: 'POST', pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/comments$`), handle: personComments },
  {
    method: 'POST',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/close-as-duplicate$`),
    handle: personClosesAsDuplicate,
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${repoPath}\\/issues\\/comments\\/(?<id>\\d+)$`),
    handle: personEditsComment,
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${repoPath}\\/issues\\/comments\\/(?<id>\\d+)$`),
    handle: personDeletesComment,
  },
  { method: 'GET', pattern: /^\/_emulator\/issues$/, handle: listIssues },
  { method: 'GET', pattern: /^\/_emulator\/comments$/, handle: listComments },
  { method: 'GET', pattern: /^\/_emulator\/stats$/, handle: stats },
  { method: 'GET', pattern: /^\/_emulator\/faults$/, handle: (emulator) => ok(emulator.faults.list()) },
  { method: 'POST', pattern: /^\/_emulator\/faults$/, handle: addFaults },
  {
    method: 'DELETE',
    pattern: /^\/_emulator\/faults$/,
    handle: (emulator) => {
      emulator.faults.clear();
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: /^\/_emulator\/outage$/,
    handle: (emulator, body) => {
      emulator.outage = body.down === true;
      return ok({ down: emulator.outage });
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/webhooks$/, handle: listDeliveries },
  { method: 'POST', pattern: /^\/_emulator\/webhooks$/, handle: configureWebhooks },
  {
    method: 'POST',
    pattern: /^\/_emulator\/webhooks\/flush$/,
    handle: (emulator, body) =>
      ok({ flushed: emulator.webhooks.flush(body.order === 'reverse' ? 'reverse' : 'forward') }),
  },
  { method: 'POST', pattern: /^\/_emulator\/webhooks\/redeliver$/, handle: redeliver },
  {
    method: 'POST',
    pattern: /^\/_emulator\/webhooks\/idle$/,
    handle: async (emulator) => {
      await emulator.webhooks.idle();
      return ok();
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/limits$/, handle: (emulator) => ok(emulator.limits.config) },
  { method: 'POST', pattern: /^\/_emulator\/limits$/, handle: setLimits },
  { method: 'POST', pattern: /^\/_emulator\/tokens$/, handle: addToken },
];

export async function handleControl(emulator: Emulator, request: ControlRequest): Promise<RestAnswer> {
  let body: Record<string, unknown> = {};
  let list: unknown = null;
  if (request.raw.length > 0) {
    try {
      list = JSON.parse(request.raw.toString('utf8'));
      body = asObject(list);
    } catch {
      return bad('body is not JSON');
    }
  }
  for (const handler of handlers) {
    if (handler.method !== request.method) continue;
    const match = handler.pattern.exec(request.path);
    if (!match) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
    );
    return handler.handle(emulator, Array.isArray(list) ? { list } : body, request, params);
  }
  return { status: 404, body: { message: `no control endpoint ${request.method} ${request.path}` } };
}

function createRepo(emulator: Emulator, body: Record<string, unknown>): RestAnswer {
  const owner = typeof body.owner === 'string' ? body.owner : null;
  const name = typeof body.name === 'string' ? body.name : null;
  if (!owner || !name) return bad('owner and name are required');
  const repo = emulator.store.ensureRepo(owner, name);
  return { status: 201, body: repositoryJson(emulator.base, emulator.store, repo) };
}

const associations: Association[] = [
  'MEMBER',
  'COLLABORATOR',
  'CONTRIBUTOR',
  'FIRST_TIME_CONTRIBUTOR',
  'FIRST_TIMER',
  'MANNEQUIN',
  'NONE',
];

/** A person's standing with a repository (a member of its organisation, a collaborator, nobody…). */
function setAssociation(
  emulator: Emulator,
  body: Record<string, unknown>,
  _request: ControlRequest,
  params: Record<string, string>,
): RestAnswer {
  const repo = findRepo(emulator, params);
  if ('status' in repo) return repo;
  const login = params.login ?? '';
  const association = associations.find((candidate) => candidate === body.association);
  if (!association) return bad(`association must be one of ${associations.join(', ')}`);
  if (login.toLowerCase() === repo.owner.toLowerCase()) return bad('the owner is always OWNER');
  emulator.store.user(login);
  if (association === 'NONE') repo.associations.delete(login.toLowerCase());
  else repo.associations.set(login.toLowerCase(), association);
  return ok({ login, association });
}

/** Every issue the repository holds now, open or closed (moved and deleted ones are gone). */
function listIssues(emulator: Emulator, _body: Record<string, unknown>, request: ControlRequest): RestAnswer {
  const repo = repoFromQuery(emulator, request);
  if ('status' in repo) return repo;
  const issues = emulator.store.liveIssues(repo).sort((a, b) => a.number - b.number);
  return ok(issues.map((issue) => issueJson(emulator.base, emulator.store, issue)));
}

function listComments(emulator: Emulator, _body: Record<string, unknown>, request: ControlRequest): RestAnswer {
  const repo = repoFromQuery(emulator, request);
  if ('status' in repo) return repo;
  const issueNumber = request.query.get('issue');
  const comments = [...emulator.store.comments.values()].filter(
    (comment) =>
      comment.issue.repo === repo &&
      comment.issue.deletedAt === null &&
      (issueNumber === null || comment.issue.number === Number(issueNumber)),
  );
  return ok(comments.map((comment) => commentJson(emulator.base, emulator.store, comment)));
}

function stats(emulator: Emulator): RestAnswer {
  return ok({
    ...emulator.stats,
    violations: emulator.limits.violations,
    limited: emulator.limits.limitedAnswers,
  });
}

function addFaults(emulator: Emulator, body: Record<string, unknown>): RestAnswer {
  const problem = emulator.faults.add(body.list ?? body);
  if (problem) return bad(problem);
  return ok(emulator.faults.list());
}

function listDeliveries(emulator: Emulator, _body: Record<string, unknown>, request: ControlRequest): RestAnswer {
  const withPayload = request.query.get('payload') === 'true';
  return ok(
    emulator.webhooks.deliveries.map(({ body, ...delivery }) => ({
      ...delivery,
      ...(withPayload ? { payload: JSON.parse(body) as unknown } : {}),
    })),
  );
}

function configureWebhooks(emulator: Emulator, body: Record<string, unknown>): RestAnswer {
  if (body.mode !== undefined) {
    if (body.mode !== 'deliver' && body.mode !== 'drop' && body.mode !== 'hold')
      return bad('mode must be deliver, drop or hold');
    emulator.webhooks.mode = body.mode;
  }
  if (body.url !== undefined) emulator.webhooks.url = typeof body.url === 'string' && body.url ? body.url : null;
  if (body.secret !== undefined)
    emulator.webhooks.secret = typeof body.secret === 'string' && body.secret ? body.secret : null;
  return ok({ mode: emulator.webhooks.mode, url: emulator.webhooks.url });
}

function redeliver(emulator: Emulator, body: Record<string, unknown>): RestAnswer {
  const delivery = typeof body.id === 'string' ? emulator.webhooks.redeliver(body.id) : null;
  if (!delivery) return { status: 404, body: { message: 'no such delivery' } };
  return ok({ id: delivery.id });
}

function setLimits(emulator: Emulator, body: Record<string, unknown>): RestAnswer {
  const keys: (keyof LimitsConfig)[] = [
    'timeScale',
    'primaryPerHour',
    'contentPerMinute',
    'contentPerHour',
    'maxConcurrent',
  ];
  for (const key of keys) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) return bad(`${key} must be a positive number`);
    emulator.limits.config[key] = value;
  }
  return ok(emulator.limits.config);
}

function addToken(emulator: Emulator, body: Record<string, unknown>): RestAnswer {
  if (typeof body.token !== 'string' || !body.token) return bad('token is required');
  emulator.config.tokens.set(body.token, typeof body.login === 'string' && body.login ? body.login : 'fieldtest-bot');
  return ok();
}

function repoFromQuery(emulator: Emulator, request: ControlRequest) {
  const [owner, name] = (request.query.get('repo') ?? '').split('/');
  const repo = owner && name ? emulator.store.findRepo(owner, name) : undefined;
  return repo ?? { status: 404, body: { message: 'unknown repo (pass ?repo=owner/name)' } };
}

/**
 * A control handler that acts as a person in GitHub's UI on what the path names (a repository, an
 * issue, a comment), which must exist. The person is the body's `login`, required; a DELETE has no
 * body, so there it is `?login=`, the repository's owner when absent.
 */
function asPerson<Target extends object>(
  find: (emulator: Emulator, params: Record<string, string>) => Target | RestAnswer,
  act: (target: Target, person: { emulator: Emulator; body: Record<string, unknown>; login: string }) => RestAnswer,
): Handler {
  return (emulator, body, request, params) => {
    const target = find(emulator, params);
    if (isAnswer(target)) return target;
    const login =
      request.method === 'DELETE' ? (request.query.get('login') ?? params.owner ?? 'octocat') : loginOf(body);
    if (!login) return bad('login is required');
    return act(target, { emulator, body, login });
  };
}

function isAnswer(found: object): found is RestAnswer {
  return 'status' in found;
}

function findComment(emulator: Emulator, params: Record<string, string>): CommentRecord | RestAnswer {
  return emulator.store.comments.get(Number(params.id)) ?? { status: 404, body: { message: 'Not Found' } };
}

function loginOf(body: Record<string, unknown>): string | null {
  return typeof body.login === 'string' && body.login ? body.login : null;
}

function ok(body: unknown = { ok: true }): RestAnswer {
  return { status: 200, body };
}

function bad(message: string): RestAnswer {
  return { status: 400, body: { message } };
}
