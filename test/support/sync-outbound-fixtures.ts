import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { parseEnv } from '../../api/env.ts';
import { reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { createGithubClient, type GithubClient } from '../../api/github-sync/client/github-client.ts';
import { startSyncWorker } from '../../api/github-sync/outbound/start-sync-worker.ts';
import { createLogger } from '../../api/lib/logger.ts';
import type { FileReportBody } from '../../api/reports/reports.schemas.ts';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { acceptCurrentTerms, createProgram, createRelease } from './enrolment-fixtures.ts';
import type { TestClient } from './http-client.ts';
import { bodyOf } from './problem.ts';
import { signedInClient, startTestServer, type TestServer } from './test-server.ts';

// The outbound sync's tests: programs syncing to repositories of their own in the emulator,
// MVPs with handles filing through the API, and sync workers on tokens of their own (so rate
// state and blocks stay within one test).

let made = 0;

export function syncFixtures(options: { server: () => TestServer; emulator: () => GithubEmulator; timeScale: number }) {
  const { timeScale } = options;

  /** A program syncing to a repository of its own (made in the emulator unless told), with a release open for filing. */
  async function setUp(setup: { createRepo?: boolean } = {}) {
    const server = options.server();
    made += 1;
    const repo = `acme/outbound-${process.pid}-${made}`;
    if (setup.createRepo !== false) await options.emulator().control.createRepo(repo);
    const program = await createProgram(server);
    await server.prisma.program.update({ where: { id: program.id }, data: { githubRepo: repo } });
    const release = await createRelease(server, program.id);
    await server.prisma.release.update({
      where: { id: release.id },
      data: { testStart: new Date(Date.now() - 3_600_000), testEnd: new Date(Date.now() + 86_400_000) },
    });
    return { repo, programId: program.id, release };
  }

  /** An active MVP of the release, with a profile whose handle is what GitHub may see. */
  async function mvpOf(release: { id: string; programId: string }) {
    const server = options.server();
    const { user, client } = await signedInClient(server, 'mvp');
    await server.prisma.enrolment.create({
      data: {
        releaseId: release.id,
        userId: user.id,
        email: user.email,
        name: user.name,
        company: 'Secret Customer GmbH',
        status: 'active',
        source: 'invitation',
      },
      select: { id: true },
    });
    const handle = `otter-${randomBytes(3).toString('hex')}`;
    await server.prisma.mvpProfile.create({
      data: { userId: user.id, company: 'Secret Customer GmbH', handle, platforms: [], devices: [] },
    });
    await acceptCurrentTerms(client, release.programId);
    return { user, client, handle };
  }

  let keys = 0;
  async function fileReport(client: TestClient, releaseId: string, overrides: Partial<FileReportBody> = {}) {
    keys += 1;
    const json: FileReportBody = {
      releaseId,
      title: `Printing crashes the editor ${keys}`,
      steps: '1. Open a document\n2. Press **Print**',
      expected: 'The print dialog opens',
      actual: 'The editor closes',
      severity: 'major',
      clientKey: `sync-outbound-${keys}-${randomBytes(4).toString('hex')}`,
      ...overrides,
    };
    return bodyOf(await client.api.api.reports.$post({ json }), 201);
  }

  /** The worker's environment on a token of its own (a new one unless given), accepted by the emulator. */
  async function workerEnv(token?: string, settings: Record<string, string> = {}) {
    const own = token ?? `ghp_${randomBytes(16).toString('hex')}`;
    if (!token) await options.emulator().control.addToken(own);
    return parseEnv({
      ...settings,
      GITHUB_API_URL: options.emulator().url,
      GITHUB_TOKEN: own,
      GITHUB_TIME_SCALE: String(timeScale),
      GITHUB_REQUEST_TIMEOUT_MS: '3000',
      PUBLIC_URL: 'https://fieldtest.example',
    });
  }

  /** A sync worker in this process (`settings`: more of its environment); the caller stops it. */
  async function startWorker(worker: { owner?: string; token?: string; settings?: Record<string, string> } = {}) {
    const env = await workerEnv(worker.token, worker.settings);
    const github = createGithubClient(env.github) as GithubClient;
    const running = startSyncWorker({
      prisma: options.server().prisma,
      env,
      // SYNC_TEST_LOG=debug shows what the worker did.
      logger: createLogger((process.env.SYNC_TEST_LOG as 'debug' | undefined) ?? 'silent'),
      github,
      owner: worker.owner,
    });
    return { ...running, github, token: (env.github.credentials as { token: string }).token };
  }

  const readReport = (id: string) =>
    options.server().prisma.report.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        issueRepo: true,
        issueNumber: true,
        issueId: true,
        issueUrl: true,
        issueState: true,
        issueLabels: true,
      },
    });
  const untilLinked = (id: string, timeoutMs?: number) =>
    until(
      () => readReport(id),
      (report) => report.issueNumber !== null,
      timeoutMs,
    );
  const jobOf = (reportId: string) =>
    options.server().prisma.syncJob.findUniqueOrThrow({
      where: { key: `create_issue:${reportId}` },
      select: { id: true, status: true, attempts: true, firstSentAt: true, lastError: true, runAfter: true },
    });

  /** Asserts that the repository holds exactly one issue per report, each carrying its marker. */
  async function expectOneIssueEach(repo: string, reportIds: string[]) {
    const issues = await options.emulator().control.issues(repo);
    for (const id of reportIds) {
      const twins = issues.filter((issue) => issue.body?.includes(reportMarker(id)));
      expect(twins, `issues of report ${id}`).toHaveLength(1);
      expect((await readReport(id)).issueNumber).toBe(twins[0]!.number);
    }
    expect(issues).toHaveLength(reportIds.length);
  }

  return { setUp, mvpOf, fileReport, workerEnv, startWorker, readReport, untilLinked, jobOf, expectOneIssueEach };
}

/** Polls until `done` holds for what `read` returns (every 25 ms), or fails with the last value. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      const shown = JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? String(item) : item));
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The file's server (no sync worker of its own: tests start theirs) and emulator on `timeScale`,
 * started before its tests and stopped after them, with `syncFixtures` over them.
 */
export function outboundWorld(options: { timeScale: number }) {
  let server: TestServer;
  let emulator: GithubEmulator;
  beforeAll(async () => {
    [server, emulator] = await Promise.all([
      startTestServer({ SYNC_WORKER: 'false' }),
      startGithubEmulator({ timeScale: options.timeScale }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), emulator?.stop()]);
  });
  const world = { server: () => server, emulator: () => emulator };
  return { ...world, ...syncFixtures({ ...world, timeScale: options.timeScale }) };
}
