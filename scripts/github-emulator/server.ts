import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appRoutes } from './app-auth.ts';
import { handleControl } from './control.ts';
import type { Emulator } from './emulator.ts';
import type { FaultSpec } from './faults.ts';
import { graphqlRoutes } from './graphql.ts';
import type { LimitAnswer } from './limits.ts';
import { handleOauth } from './oauth.ts';
import { commentRoutes } from './rest-comments.ts';
import { issueRoutes } from './rest-issues.ts';
import { labelRoutes } from './rest-labels.ts';
import { metaRoutes, tokenOf } from './rest-meta.ts';
import { githubError, type RestAnswer, type RestRequest, type Route } from './rest-support.ts';
import { renderWebPage } from './web-pages.ts';

const routes: Route[] = [
  ...metaRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...labelRoutes,
  ...appRoutes,
  ...graphqlRoutes,
];
const writeMethods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const rateLimitDocs = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** The emulator's HTTP server: /_emulator/* is the control API, everything else GitHub's REST API. */
export function createEmulatorServer(emulator: Emulator): Server {
  return createServer((req, res) => {
    void serve(emulator, req, res).catch((error: unknown) => {
      process.stderr.write(`github-emulator: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/json' }, { message: 'Server Error' });
      else res.destroy();
    });
  });
}

async function serve(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/')) {
    const answer = await handleControl(emulator, { method, path: url.pathname, query: url.searchParams, raw });
    send(res, answer.status, { 'content-type': 'application/json; charset=utf-8' }, answer.body);
    return;
  }
  const oauth = handleOauth(emulator, method, url, raw);
  if (oauth) {
    send(res, oauth.status, oauth.headers, oauth.body);
    return;
  }
  const html = method === 'GET' ? renderWebPage(emulator, url.pathname) : null;
  if (html !== null) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    return;
  }
  await serveRest(emulator, req, res, { method, url, raw });
}

async function serveRest(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  { method, url, raw }: { method: string; url: URL; raw: Buffer },
): Promise<void> {
  emulator.stats.requests++;
  const requestId = githubRequestId();
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-github-request-id': requestId,
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
  };
  const reply = (answer: RestAnswer) => send(res, answer.status, { ...headers, ...answer.headers }, answer.body);
  if (emulator.outage) return reply(githubError(503, 'Service Unavailable'));

  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  let route: Route | undefined;
  let params: Record<string, string> = {};
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match) {
      route = candidate;
      params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
      );
      break;
    }
  }
  if (!route) return reply(githubError(404, 'Not Found'));

  let body: unknown = null;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply(githubError(400, 'Problems parsing JSON'));
    }
  }

  const kind = route.auth ?? 'token';
  const token = tokenOf(req.headers.authorization);
  let login = '';
  if (kind !== 'jwt') {
    if (!token) return reply(githubError(401, 'Requires authentication'));
    const known = emulator.loginFor(token);
    if (!known) return reply(githubError(401, 'Bad credentials'));
    login = known;
  }
  const limited = kind === 'token';
  if (limited) {
    const refusal = emulator.limits.admit(token, { method, path, contentCreate: route.contentCreate === true });
    if (refusal) return reply(limitAnswer(emulator, token, refusal, requestId, 403));
  }
  try {
    Object.assign(headers, limited ? emulator.limits.headers(token) : {});
    const fault = emulator.faults.take(method, path);
    if (fault) {
      const answer = faultBeforeWrite(emulator, fault, token, requestId);
      if (answer === 'reset') {
        res.destroy();
        return;
      }
      if (answer) return reply(answer);
    }

    const request: RestRequest = { method, path, query: url.searchParams, params, body, headers: req.headers, login };
    const answer = await route.handle(emulator, request);
    const succeeded = answer.status < 400;
    if (writeMethods.has(method) && succeeded && kind !== 'jwt') emulator.stats.writes++;
    if (route.contentCreate && answer.status === 201) {
      emulator.stats.contentCreates++;
      emulator.limits.countContentCreate(token);
    }

    let notModified = false;
    if (method === 'GET' && answer.status === 200) {
      const etag = `W/"${createHash('sha256').update(JSON.stringify(answer.body)).digest('hex').slice(0, 32)}"`;
      headers.etag = etag;
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      notModified = ifNoneMatch(req.headers['if-none-match'], etag);
    }
    // A 304 is free: it does not count against the primary budget.
    if (limited && !notModified) emulator.limits.countRequest(token);
    if (limited) Object.assign(headers, emulator.limits.headers(token));

    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 15_000));
    if (fault?.kind === 'reset_after_write') {
      res.destroy();
      return;
    }
    if (notModified) return reply({ status: 304, headers: {} });
    reply(answer);
  } finally {
    if (limited) emulator.limits.leave(token);
  }
}

/** The answer a fault forces before anything is written; null lets the request go ahead. */
function faultBeforeWrite(emulator: Emulator, fault: FaultSpec, token: string, requestId: string) {
  switch (fault.kind) {
    case 'status':
      return githubError(fault.status ?? 500, statusMessage(fault.status ?? 500));
    case 'reset_before_write':
      return 'reset' as const;
    case 'secondary_limit': {
      const retryAfter = fault.retryAfter === undefined ? emulator.limits.minuteMs / 1000 : fault.retryAfter;
      const refusal =
        retryAfter === null
          ? emulator.limits.limitSecondary(token, emulator.limits.minuteMs, false, 'fault')
          : emulator.limits.limitSecondary(token, retryAfter * 1000, true, 'fault');
      return limitAnswer(emulator, token, refusal, requestId, fault.status ?? 403);
    }
    case 'primary_limit': {
      const seconds = fault.retryAfter ?? emulator.limits.minuteMs / 1000;
      const refusal = emulator.limits.limitPrimary(token, seconds * 1000, 'fault');
      return limitAnswer(emulator, token, refusal, requestId, fault.status ?? 403);
    }
    default:
      return null;
  }
}

function limitAnswer(
  emulator: Emulator,
  token: string,
  refusal: LimitAnswer,
  requestId: string,
  status: number,
): RestAnswer {
  const rate = emulator.limits.headers(token);
  if (refusal.kind === 'primary') {
    const user = emulator.store.user(emulator.loginFor(token) ?? 'unknown');
    return {
      status,
      headers: {
        ...rate,
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(emulator.limits.resetEpoch(token)),
      },
      body: {
        message: `API rate limit exceeded for user ID ${user.id}. If you reach out to GitHub Support for help, please include the request ID ${requestId} and timestamp ${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC.`,
        documentation_url: `${rateLimitDocs}#about-the-primary-rate-limit`,
        status: String(status),
      },
    };
  }
  return {
    status,
    headers: { ...rate, ...(refusal.retryAfter === null ? {} : { 'retry-after': String(refusal.retryAfter) }) },
    body: {
      message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: `${rateLimitDocs}#about-secondary-rate-limits`,
      status: String(status),
    },
  };
}

function statusMessage(status: number): string {
  const messages: Record<number, string> = {
    401: 'Bad credentials',
    403: 'Forbidden',
    404: 'Not Found',
    410: 'Gone',
    422: 'Validation Failed',
    500: 'Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'We couldn’t respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.',
  };
  return messages[status] ?? 'Error';
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (value: string) => value.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim() === '*' || strip(candidate) === strip(etag));
}

/** Like GitHub's: five hex groups, e.g. `C0DE:1B2A:3C4D5E:6F7A8B:65F0A1B2`. */
function githubRequestId(): string {
  const hex = randomBytes(12).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14, 20)}:${Math.floor(Date.now() / 1000)
    .toString(16)
    .toUpperCase()}`;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  if (res.destroyed) return;
  const hasBody = body !== undefined && status !== 204 && status !== 304;
  const text = hasBody ? JSON.stringify(body) : '';
  const outgoing: Record<string, string> = { ...headers };
  if (!hasBody) delete outgoing['content-type'];
  res.writeHead(status, { ...outgoing, ...(hasBody ? { 'content-length': String(Buffer.byteLength(text)) } : {}) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
