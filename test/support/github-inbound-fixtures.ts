import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { parseEnv } from '../../api/env.ts';
import { reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { createGithubClient } from '../../api/github-sync/client/github-client.ts';
import { type InboundSync, startInboundSync } from '../../api/github-sync/inbound/start-inbound-sync.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { bodyOf } from './problem.ts';
import { startTestServer, type TestServer, testPassword } from './test-server.ts';

// The inbound sync's world: the GitHub emulator (a real process that sends signed webhooks), the
// real server receiving them, and the inbound loop over the server's database. The outbound worker
// is not started (SYNC_WORKER=false): tests link reports to issues themselves, as the outbound
// sync would after creating them.

export const webhookSecret = 'It is a secret to everybody';
export const previousWebhookSecret = 'the secret before rotation';
export const programRepo = 'acme/desktop';
export const otherRepo = 'acme/elsewhere';
const hour = 3_600_000;

export type InboundWorld = {
  emulator: GithubEmulator;
  server: TestServer;
  sync: InboundSync;
  env: ReturnType<typeof parseEnv>;
  github: NonNullable<ReturnType<typeof createGithubClient>>;
  webhookUrl: string;
  stop: () => Promise<void>;
};

export async function startInboundWorld(
  options: {
    extraRepos?: string[];
    env?: Record<string, string>;
    oauth?: { clientId: string; clientSecret: string };
  } = {},
): Promise<InboundWorld> {
  const emulator = await startGithubEmulator({
    repos: [programRepo, otherRepo, ...(options.extraRepos ?? [])],
    webhookSecret,
    ...(options.oauth ? { oauth: options.oauth } : {}),
  });
  const serverEnv = {
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: emulator.token,
    GITHUB_WEBHOOK_SECRET: webhookSecret,
    GITHUB_WEBHOOK_SECRET_PREVIOUS: previousWebhookSecret,
    SYNC_WORKER: 'false',
    ...(options.oauth
      ? {
          GITHUB_OAUTH_CLIENT_ID: options.oauth.clientId,
          GITHUB_OAUTH_CLIENT_SECRET: options.oauth.clientSecret,
          GITHUB_WEB_URL: emulator.url,
        }
      : {}),
    ...options.env,
  };
  let server: TestServer;
  try {
    server = await startTestServer(serverEnv);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const env = parseEnv({ ...serverEnv, LOG_LEVEL: 'silent' });
  const github = createGithubClient(env.github)!;
  const sync = startInboundSync({
    prisma: server.prisma,
    env,
    logger: createLogger('silent'),
    github,
    pollMs: 50,
    retryDelayMs: 100,
    reconcile: false,
  });
  const webhookUrl = `${server.url}/api/github/webhooks`;
  await emulator.control.setWebhookUrl(webhookUrl);
  return {
    emulator,
    server,
    sync,
    env,
    github,
    webhookUrl,
    stop: async () => {
      await sync.stop();
      await server.stop();
      await emulator.stop();
    },
  };
}

let made = 0;

/** A program on `repo` with the default priority mapping (P0..P3, threshold P1), and a release in testing. */
export async function createProgramWithRelease(server: TestServer, options: { repo?: string } = {}) {
  made += 1;
  const program = await server.prisma.program.create({
    data: {
      name: `Inbound ${made} ${randomUUID().slice(0, 8)}`,
      product: 'Acme Desktop',
      githubRepo: options.repo ?? programRepo,
      priorityLevels: ['P0', 'P1', 'P2', 'P3'],
      priorityLabels: [
        { label: 'P0', level: 'P0' },
        { label: 'P1', level: 'P1' },
        { label: 'P2', level: 'P2' },
        { label: 'P3', level: 'P3' },
        { label: 'priority: critical', level: 'P0' },
        { label: 'priority: high', level: 'P1' },
      ],
      priorityThreshold: 'P1',
      notActionableLabels: ['invalid', 'wontfix'],
      components: [],
    },
    select: { id: true, name: true },
  });
  const release = await server.prisma.release.create({
    data: {
      programId: program.id,
      version: `3.${made}`,
      build: `300${made}`,
      testStart: new Date(Date.now() - 24 * hour),
      testEnd: new Date(Date.now() + 24 * hour),
      instructions: '',
      status: 'testing',
    },
    select: { id: true, version: true },
  });
  return { program, release };
}

/** An MVP with a portal account (and optionally a linked GitHub login): the one notices go to. */
export async function createCustomer(server: TestServer, options: { githubLogin?: string } = {}) {
  const user = await server.createUser('mvp');
  await server.prisma.mvpProfile.create({
    data: {
      userId: user.id,
      company: 'Acme Customer',
      handle: `handle-${user.id.slice(-8)}`,
      githubLogin: options.githubLogin ?? null,
      platforms: [],
      devices: [],
    },
  });
  return user;
}

/**
 * A customer's report with its GitHub issue, as the outbound sync leaves it: the issue created by
 * Fieldtest's token with the marker, and the report linked to it (status synced).
 */
export async function createLinkedReport(
  world: InboundWorld,
  options: { programId: string; releaseId: string; reporterId: string; title?: string; repo?: string },
) {
  const { server } = world;
  const repo = options.repo ?? programRepo;
  const report = await server.prisma.report.create({
    data: {
      programId: options.programId,
      releaseId: options.releaseId,
      reporterId: options.reporterId,
      source: 'customer',
      title: options.title ?? 'Sync loses edits made offline',
      steps: 'Edit offline, reconnect',
      expected: 'Edits kept',
      actual: 'Edits gone',
      severity: 'major',
      environment: {},
    },
    select: { id: true },
  });
  const [owner, name] = repo.split('/') as [string, string];
  const { data: issue } = await world.github.octokit.rest.issues.create({
    owner,
    repo: name,
    title: options.title ?? 'Sync loses edits made offline',
    body: `Steps: edit offline\n\n${reportMarker(report.id)}`,
    labels: ['fieldtest', 'source: customer'],
  });
  await server.prisma.report.update({
    where: { id: report.id },
    data: {
      status: 'synced',
      issueRepo: repo,
      issueNumber: issue.number,
      issueId: BigInt(issue.id),
      issueUrl: issue.html_url,
      issueState: 'open',
      issueLabels: ['fieldtest', 'source: customer'],
      issueUpdatedAt: new Date(issue.updated_at),
    },
  });
  return { reportId: report.id, issueNumber: issue.number };
}

export type TriageWorld = InboundWorld & {
  programId: string;
  release: { id: string; version: string };
  /** A new one for each test. */
  customer: { id: string; email: string };
  /** A report of this test's customer linked to a new issue, the webhooks of its making processed. */
  linked: (title?: string) => Promise<{ reportId: string; issueNumber: number }>;
  /** The report's timeline as its reporter reads it in the portal (enrolling them in the release). */
  reporterTimeline: (reportId: string) => Promise<{ text?: unknown }[]>;
};

/**
 * A file's inbound world, started before its tests and stopped after them: `engineer` works in the
 * program's repository (GitHub shows their comments as a collaborator's), the program has a release
 * in testing, and each test has a customer of its own.
 */
export function triageWorld(engineer: string): TriageWorld {
  const world = {} as TriageWorld;
  beforeAll(async () => {
    Object.assign(world, await startInboundWorld());
    await world.emulator.control.setAssociation(programRepo, engineer, 'COLLABORATOR');
    const made = await createProgramWithRelease(world.server);
    world.programId = made.program.id;
    world.release = made.release;
  });
  afterAll(() => world.stop?.());
  beforeEach(async () => {
    world.customer = await createCustomer(world.server);
  });
  world.linked = async (title) => {
    const { programId, release, customer } = world;
    const made = await createLinkedReport(world, { programId, releaseId: release.id, reporterId: customer.id, title });
    await settle(world);
    return made;
  };
  world.reporterTimeline = async (reportId) => {
    const { customer } = world;
    await world.server.prisma.enrolment.create({
      data: {
        releaseId: world.release.id,
        userId: customer.id,
        email: customer.email,
        name: 'C',
        company: 'C',
        status: 'active',
        source: 'invitation',
      },
    });
    const reporter = world.server.client();
    await reporter.api.api.auth['sign-in'].$post({ json: { email: customer.email, password: testPassword } });
    return (await bodyOf(await reporter.api.api.reports[':id'].$get({ param: { id: reportId } }), 200)).timeline;
  };
  return world;
}

/** Engineering's usual way on GitHub: "Duplicate of #N" as a comment, then closed as duplicate through REST. */
export async function commentAndCloseAsDuplicate(
  world: Pick<InboundWorld, 'emulator'>,
  login: string,
  duplicate: { issueNumber: number },
  canonical: { issueNumber: number },
): Promise<void> {
  await world.emulator.control.comment(programRepo, duplicate.issueNumber, {
    login,
    body: `Duplicate of #${canonical.issueNumber}`,
  });
  await closeAsDuplicateByRest(world, login, duplicate.issueNumber);
}

/** Closed with state_reason duplicate through REST, which records no original (unlike "Close as duplicate"). */
export async function closeAsDuplicateByRest(
  world: Pick<InboundWorld, 'emulator'>,
  login: string,
  issueNumber: number,
) {
  await world.emulator.control.updateIssue(programRepo, issueNumber, {
    login,
    state: 'closed',
    state_reason: 'duplicate',
  });
}

/** Waits until the emulator has sent every webhook and the inbound loop has processed every delivery. */
export async function settle(world: InboundWorld, timeoutMs = 15_000): Promise<void> {
  await world.emulator.control.webhooksIdle();
  await waitForDeliveries(world, timeoutMs);
}

/** Waits until no stored delivery is pending (for tests that post webhooks themselves). */
export async function waitForDeliveries(
  world: Pick<InboundWorld, 'server' | 'sync'>,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pending = await world.server.prisma.webhookDelivery.count({ where: { status: 'pending' } });
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`${pending} webhook deliveries still pending`);
    world.sync.wake();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * An issue as GitHub's webhooks carry it, for tests that make up their own deliveries (e.g. a
 * property-based test posting states in every order): give each state its own `updatedAt`, as
 * GitHub would; on equal timestamps the inbound sync asks GitHub (here: the emulator) which is current.
 */
export function issuePayload(options: {
  repo?: string;
  number: number;
  id?: number;
  state: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  labels?: string[];
  updatedAt: Date;
  createdAt?: Date;
  closedAt?: Date | null;
  title?: string;
  body?: string | null;
  login?: string;
}) {
  const repo = options.repo ?? programRepo;
  const seconds = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;
  return {
    id: options.id ?? 1_000_000 + options.number,
    number: options.number,
    html_url: `https://github.com/${repo}/issues/${options.number}`,
    repository_url: `https://api.github.com/repos/${repo}`,
    title: options.title ?? `Issue ${options.number}`,
    body: options.body ?? null,
    state: options.state,
    state_reason: options.stateReason ?? null,
    labels: (options.labels ?? []).map((name) => ({ name })),
    user: { login: options.login ?? 'octocat', id: 1 },
    created_at: seconds(options.createdAt ?? new Date(options.updatedAt.getTime() - hour)),
    updated_at: seconds(options.updatedAt),
    closed_at: options.state === 'closed' ? seconds(options.closedAt ?? options.updatedAt) : null,
  };
}

/** An `issues` delivery carrying the issue, signed and posted like GitHub's. */
export function postIssueWebhook(url: string, action: string, issue: ReturnType<typeof issuePayload>) {
  const repo = /\/repos\/(.+)$/.exec(issue.repository_url)?.[1] ?? programRepo;
  return postWebhook(url, { event: 'issues', payload: { action, issue, repository: { full_name: repo } } });
}

/** Posts a webhook the way GitHub does: the raw body signed with the secret. */
export async function postWebhook(
  url: string,
  options: { event: string; payload: unknown; secret?: string | null; id?: string; signature?: string; body?: string },
) {
  // `body`: the text as sent, for payloads JSON.stringify would not write (nesting deeper than its stack).
  const body = options.body ?? JSON.stringify(options.payload);
  const id = options.id ?? randomUUID();
  const secret = options.secret === undefined ? webhookSecret : options.secret;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/test',
    'x-github-event': options.event,
    'x-github-delivery': id,
  };
  const signature = options.signature ?? (secret ? await sign(secret, body) : undefined);
  if (signature) headers['x-hub-signature-256'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body });
  return { id, response };
}

/** The issue's state read back from the report, for assertions. */
export async function reportState(server: TestServer, reportId: string) {
  return server.prisma.report.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      status: true,
      priority: true,
      triagedAt: true,
      prioritisedAt: true,
      fixedAt: true,
      duplicateOfId: true,
      issueRepo: true,
      issueNumber: true,
      issueUrl: true,
      issueState: true,
      issueStateReason: true,
      issueLabels: true,
      issueDeletedAt: true,
      events: { select: { kind: true, data: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
}

export function eventKinds(state: { events: { kind: string }[] }): string[] {
  return state.events.map((event) => event.kind);
}

export async function messagesTo(server: TestServer, to: string) {
  return server.prisma.message.findMany({
    where: { to },
    select: { kind: true, subject: true, text: true },
    orderBy: { createdAt: 'asc' },
  });
}

export function expectOne<T>(items: T[], predicate: (item: T) => boolean): T {
  const found = items.filter(predicate);
  expect(found).toHaveLength(1);
  return found[0]!;
}
