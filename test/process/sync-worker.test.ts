import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/open-database.ts';
import { reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { setUpTestingRelease } from '../support/first-release.ts';
import { createClient, type TestClient } from '../support/http-client.ts';
import { bodyOf } from '../support/problem.ts';
import { freePort, spawnServer } from '../support/server-process.ts';
import { until } from '../support/sync-outbound-fixtures.ts';
import { createTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const timeScale = 60;
const repo = 'acme/app';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** `npm run worker` as its own process, the way it runs in production. */
function spawnWorker(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/worker.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return { child, exited, output: () => output };
}

async function startApi(env: Record<string, string>) {
  const server = spawnServer(env);
  cleanups.push(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
  });
  const [, url] = await server.waitFor(/Fieldtest is running at (\S+)/);
  const [, setupLink] = await server.waitFor(/(http:\S+\/setup#\S+)/);
  return { ...server, url: url!, setupLink: setupLink! };
}

async function fileReports(client: TestClient, setupLink: string, count: number): Promise<string[]> {
  const releaseId = await setUpTestingRelease(client, setupLink, { name: 'Sync', githubRepo: repo });
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const report = await bodyOf(
      await client.api.api.reports.$post({
        json: {
          releaseId,
          title: `Crash ${index}`,
          steps: 'Open it',
          expected: 'Works',
          actual: 'Crashes',
          severity: 'major',
          clientKey: randomUUID(),
        },
      }),
      201,
    );
    ids.push(report.id);
  }
  return ids;
}

/** Every report has exactly one issue, carrying its marker; nothing else was created. */
async function expectOneIssueEach(emulator: GithubEmulator, reportIds: string[]) {
  const issues = await emulator.control.issues(repo);
  expect(issues).toHaveLength(reportIds.length);
  for (const id of reportIds) {
    expect(
      issues.filter((issue) => issue.body?.includes(reportMarker(id))),
      `issues of ${id}`,
    ).toHaveLength(1);
  }
  return issues;
}

describe('npm run worker', () => {
  it('delivers queued reports from worker processes, each report once, and stops cleanly on SIGTERM', async () => {
    const emulator = await startGithubEmulator({ timeScale, repos: [repo] });
    cleanups.push(emulator.stop);
    const testDatabase = await createTestDatabase();
    cleanups.push(testDatabase.drop);
    const databaseEnv = testDatabase.env;
    // The API without GitHub credentials: it queues, the workers deliver.
    const api = await startApi({ ...databaseEnv, PORT: String(await freePort()), LOG_LEVEL: 'warn' });
    const reportIds = await fileReports(createClient(api.url), api.setupLink, 30);
    if (testDatabaseKind() === 'pglite') {
      // PGlite is one process's database: the worker takes over the folder.
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    }

    const workerEnv = {
      ...databaseEnv,
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: emulator.token,
      GITHUB_TIME_SCALE: String(timeScale),
    };
    // Two processes racing for the jobs where the database allows it (PostgreSQL).
    const workers = Array.from({ length: testDatabaseKind() === 'pglite' ? 1 : 2 }, () => spawnWorker(workerEnv));
    for (const worker of workers)
      await until(
        async () => worker.output(),
        (output) => output.includes('Fieldtest worker is running'),
        60_000,
      );
    await until(
      () => emulator.control.issues(repo),
      (issues) => issues.length >= reportIds.length,
      60_000,
    );
    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const worker of workers) expect(await worker.exited, worker.output()).toBe(0);

    const issues = await expectOneIssueEach(emulator, reportIds);
    expect((await emulator.control.stats()).violations).toEqual([]);
    const database = await openDatabase(testDatabase.target);
    try {
      const reports = await database.prisma.report.findMany({ select: { id: true, issueNumber: true, status: true } });
      for (const report of reports) {
        const issue = issues.find((one) => one.body?.includes(reportMarker(report.id)));
        expect(report).toEqual({ id: report.id, issueNumber: issue!.number, status: 'synced' });
      }
      const jobs = await database.prisma.syncJob.groupBy({ by: ['status'], _count: true });
      expect(jobs).toEqual([{ status: 'done', _count: reportIds.length }]);
    } finally {
      await database.close();
    }
  }, 180_000);
});
