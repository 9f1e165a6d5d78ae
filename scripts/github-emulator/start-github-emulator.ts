import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { components } from '@octokit/openapi-types';

export type GithubIssue = components['schemas']['issue'];
export type GithubComment = components['schemas']['issue-comment'];
export type GithubRepository = components['schemas']['repository'];
export type GithubAuthorAssociation = components['schemas']['author-association'];

export type EmulatorFault = {
  method?: string;
  /** A regular expression tested against the request path, e.g. '/issues$'. */
  path?: string;
  kind: 'status' | 'reset_after_write' | 'reset_before_write' | 'slow' | 'secondary_limit' | 'primary_limit';
  status?: number;
  delayMs?: number;
  /** secondary_limit: retry-after seconds as sent (null: no header); primary_limit: seconds to reset. */
  retryAfter?: number | null;
  times?: number;
};

export type EmulatorDelivery = {
  id: string;
  event: string;
  action: string | null;
  repo: string | null;
  issueNumber: number | null;
  state: 'queued' | 'held' | 'dropped' | 'delivered' | 'failed';
  status: number | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  payload?: Record<string, unknown>;
};

export type EmulatorStats = {
  requests: number;
  writes: number;
  contentCreates: number;
  violations: { at: string; reason: string; method: string; path: string; token: string }[];
  limited: number;
};

export type EmulatorLimits = {
  timeScale: number;
  primaryPerHour: number;
  contentPerMinute: number;
  contentPerHour: number;
  maxConcurrent: number;
};

export type IssueChangesAsPerson = {
  login: string;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  labels?: string[];
};

export type StartGithubEmulatorOptions = {
  /** The port to listen on; 0 (the default) for any free one. */
  port?: number;
  webhookUrl?: string;
  webhookSecret?: string;
  /** Divides GitHub's minute and hour windows, retry-after and resets (default 1). */
  timeScale?: number;
  /** Extra accepted tokens: a token (acting as fieldtest-bot) or `{ token, login }`. */
  tokens?: (string | { token: string; login: string })[];
  /** Repositories that exist from the start, "owner/name". */
  repos?: string[];
  limits?: Partial<Omit<EmulatorLimits, 'timeScale'>>;
  /** GitHub App support: tokens minted for it act as `<slug>[bot]`. */
  app?: { appId: string | number; publicKey: string; slug?: string };
  webhookConcurrency?: number;
  /** An OAuth app people sign in with through the web flow. */
  oauth?: { clientId: string; clientSecret: string };
};

export type GithubEmulator = Awaited<ReturnType<typeof startGithubEmulator>>;

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts scripts/github-emulator as its own process on a free port. `token` is accepted and acts as
 * fieldtest-bot; `control` wraps the emulator's /_emulator API.
 */
export async function startGithubEmulator(options: StartGithubEmulatorOptions = {}) {
  const token = `ghp_${randomBytes(18).toString('hex')}`;
  const port = String(options.port ?? 0);
  const args = ['--import', 'tsx', 'scripts/github-emulator/main.ts', '--port', port, '--token', token];
  for (const extra of options.tokens ?? []) {
    args.push('--token', typeof extra === 'string' ? extra : `${extra.token}=${extra.login}`);
  }
  for (const repo of options.repos ?? []) args.push('--repo', repo);
  if (options.webhookUrl) args.push('--webhook-url', options.webhookUrl);
  if (options.webhookSecret) args.push('--webhook-secret', options.webhookSecret);
  if (options.timeScale) args.push('--time-scale', String(options.timeScale));
  if (options.oauth)
    args.push('--oauth-client-id', options.oauth.clientId, '--oauth-client-secret', options.oauth.clientSecret);
  if (options.webhookConcurrency) args.push('--webhook-concurrency', String(options.webhookConcurrency));
  const limitFlags = {
    primaryPerHour: '--primary-limit',
    contentPerMinute: '--content-per-minute',
    contentPerHour: '--content-per-hour',
    maxConcurrent: '--max-concurrent',
  } as const;
  for (const [key, flag] of Object.entries(limitFlags)) {
    const value = options.limits?.[key as keyof typeof limitFlags];
    if (value !== undefined) args.push(flag, String(value));
  }
  let keyDir: string | null = null;
  if (options.app) {
    keyDir = mkdtempSync(join(tmpdir(), 'github-emulator-'));
    const keyFile = join(keyDir, 'app.pem');
    writeFileSync(keyFile, options.app.publicKey);
    args.push('--app-id', String(options.app.appId), '--app-public-key-file', keyFile);
    if (options.app.slug) args.push('--app-slug', options.app.slug);
  }

  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // The emulator only writes to stderr when it fails itself; show that beside the test output.
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.once('exit', (code) => reject(new Error(`GitHub emulator exited with ${code}:\n${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /GitHub emulator listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
  });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`GitHub emulator ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const repoPath = (repo: string) => `/repos/${repo}`;

  const control = {
    reset: () => call<void>('POST', '/reset'),
    /** Creates a repository ("owner/name"). */
    createRepo: (repo: string) => {
      const [owner, name] = repo.split('/');
      return call<GithubRepository>('POST', '/repos', { owner, name });
    },
    /**
     * How `login` stands with the repository from now on, as GitHub's author_association shows it on
     * their issues and comments (the owner is OWNER; anyone else is NONE until set).
     */
    setAssociation: (repo: string, login: string, association: Exclude<GithubAuthorAssociation, 'OWNER'>) =>
      call<{ login: string; association: GithubAuthorAssociation }>(
        'PUT',
        `${repoPath(repo)}/associations/${encodeURIComponent(login)}`,
        { association },
      ),
    /** Every issue the repository holds now (open and closed; moved and deleted ones are gone). */
    issues: (repo: string) => call<GithubIssue[]>('GET', `/issues?repo=${encodeURIComponent(repo)}`),
    comments: (repo: string, issueNumber?: number) =>
      call<GithubComment[]>(
        'GET',
        `/comments?repo=${encodeURIComponent(repo)}${issueNumber === undefined ? '' : `&issue=${issueNumber}`}`,
      ),
    stats: () => call<EmulatorStats>('GET', '/stats'),
    /** A person opens an issue in GitHub's UI (webhooks: issues.opened, issues.labeled). */
    openIssue: (repo: string, issue: { login: string; title: string; body?: string; labels?: string[] }) =>
      call<GithubIssue>('POST', `${repoPath(repo)}/issues`, issue),
    /** A person edits, closes, reopens or relabels an issue (edited/closed/reopened/labeled/unlabeled). */
    updateIssue: (repo: string, issueNumber: number, changes: IssueChangesAsPerson) =>
      call<GithubIssue>('PATCH', `${repoPath(repo)}/issues/${issueNumber}`, changes),
    /** A person comments (issue_comment.created). */
    comment: (repo: string, issueNumber: number, comment: { login: string; body: string }) =>
      call<GithubComment>('POST', `${repoPath(repo)}/issues/${issueNumber}/comments`, comment),
    /** A person uses "Close as duplicate" naming the original: no comment, the original on the timeline (issues.closed). */
    /** Dates people's acts from now on at `at` (epoch ms); null returns to the wall clock. */
    setClock: (at: number | null) => call<{ at: number }>('PUT', '/clock', { at }),
    closeAsDuplicate: (repo: string, issueNumber: number, close: { login: string; of: number }) =>
      call<GithubIssue>('POST', `${repoPath(repo)}/issues/${issueNumber}/close-as-duplicate`, close),
    editComment: (repo: string, commentId: number | bigint, edit: { login: string; body: string }) =>
      call<GithubComment>('PATCH', `${repoPath(repo)}/issues/comments/${commentId}`, edit),
    deleteComment: (repo: string, commentId: number | bigint, login: string) =>
      call<void>('DELETE', `${repoPath(repo)}/issues/comments/${commentId}?login=${encodeURIComponent(login)}`),
    /** Who is signed in to GitHub in the browser the OAuth web flow sends people to (null: they cancel). */
    signInBrowser: (login: string | null) => call<{ login: string | null }>('POST', '/oauth/browser', { login }),
    /** Moves the issue to another repository ("owner/name"); returns the new issue (issues.transferred). */
    transferIssue: (repo: string, issueNumber: number, transfer: { login: string; to: string }) =>
      call<GithubIssue>('POST', `${repoPath(repo)}/issues/${issueNumber}/transfer`, transfer),
    /** Deletes the issue (issues.deleted); GitHub answers 410 for it afterwards. */
    deleteIssue: (repo: string, issueNumber: number, login: string) =>
      call<void>('DELETE', `${repoPath(repo)}/issues/${issueNumber}?login=${encodeURIComponent(login)}`),
    /** Injects faults into the next matching REST requests. */
    addFaults: (...faults: EmulatorFault[]) => call<EmulatorFault[]>('POST', '/faults', faults),
    faults: () => call<EmulatorFault[]>('GET', '/faults'),
    clearFaults: () => call<void>('DELETE', '/faults'),
    /** While down, every REST request answers 503. */
    setOutage: (down: boolean) => call<{ down: boolean }>('POST', '/outage', { down }),
    setWebhookMode: (mode: 'deliver' | 'drop' | 'hold') => call<void>('POST', '/webhooks', { mode }),
    setWebhookUrl: (webhookUrl: string | null) => call<void>('POST', '/webhooks', { url: webhookUrl ?? '' }),
    setWebhookSecret: (secret: string | null) => call<void>('POST', '/webhooks', { secret: secret ?? '' }),
    /** Sends the held deliveries, in the order they happened or reversed. */
    flushWebhooks: (order: 'forward' | 'reverse' = 'forward') =>
      call<{ flushed: number }>('POST', '/webhooks/flush', { order }),
    /** Sends a delivery again with the same X-GitHub-Delivery and body. */
    redeliver: (id: string) => call<{ id: string }>('POST', '/webhooks/redeliver', { id }),
    /** Recent deliveries, oldest first; with `payload: true` each with its parsed payload. */
    deliveries: (options: { payload?: boolean } = {}) =>
      call<EmulatorDelivery[]>('GET', `/webhooks${options.payload ? '?payload=true' : ''}`),
    /** Resolves once every queued delivery has been sent (held ones stay held). */
    webhooksIdle: () => call<void>('POST', '/webhooks/idle'),
    limits: () => call<EmulatorLimits>('GET', '/limits'),
    setLimits: (limits: Partial<EmulatorLimits>) => call<EmulatorLimits>('POST', '/limits', limits),
    /** Accepts another personal access token acting as `login` (default fieldtest-bot). */
    addToken: (extra: string, login?: string) => call<void>('POST', '/tokens', { token: extra, login }),
  };

  return {
    url,
    token,
    control,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (keyDir) rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
