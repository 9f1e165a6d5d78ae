import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../api/env.ts';
import { createGithubClient } from '../../api/github-sync/client/github-client.ts';
import { createProgram, createRelease, fileReportAs } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// The sync health page's figures, read from rows the sync would have written. The workers stay
// off (SYNC_WORKER=false) so that nothing moves the jobs while a test looks at them.
const githubEnv = {
  GITHUB_API_URL: 'http://127.0.0.1:9',
  GITHUB_TOKEN: 'ghp_sync_health_test_token',
  GITHUB_WEBHOOK_SECRET: 'a webhook secret',
  // Windows of 6 s and 6 min: the same division the pacer applies.
  GITHUB_TIME_SCALE: '10',
  GITHUB_CONTENT_PER_MINUTE: '80',
  GITHUB_CONTENT_PER_HOUR: '500',
  SYNC_WORKER: 'false',
};
const rateKey = createGithubClient(parseEnv(githubEnv).github)!.rateKey;

let server: TestServer;
let admin: TestClient;
let engineer: TestClient;
let engineerId: string;

beforeAll(async () => {
  server = await startTestServer(githubEnv);
  admin = (await signedInClient(server, 'admin')).client;
  const signedIn = await signedInClient(server, 'engineer');
  engineer = signedIn.client;
  engineerId = signedIn.user.id;
});
afterAll(() => server?.stop());

/** A program with a release that takes reports now, on a repository of its own; the engineer works on it. */
async function programWithRelease() {
  const program = await createProgram(server);
  await server.addToPrograms(engineerId, [program.id]);
  const repo = `acme/app-${randomUUID().slice(0, 8)}`;
  await server.prisma.program.update({ where: { id: program.id }, data: { githubRepo: repo }, select: { id: true } });
  const release = await createRelease(server, program.id, { version: '1.0', testingNow: true });
  return { programId: program.id, releaseId: release.id, repo };
}

/** Files a report through the API, as the portal does: its create_issue job is committed with it. */
async function fileReport(releaseId: string, title = 'Export loses the last row') {
  const report = await fileReportAs(admin, releaseId, title);
  const job = await server.prisma.syncJob.findUniqueOrThrow({
    where: { key: `create_issue:${report.id}` },
    select: { id: true, status: true, attempts: true },
  });
  return { reportId: report.id, jobId: job.id, job };
}

async function health(programId: string, client: TestClient = admin) {
  return bodyOf(await client.api.api.programs[':id'].sync.$get({ param: { id: programId } }), 200);
}

function retry(id: string, client: TestClient = admin) {
  return client.api.api['sync-jobs'][':id'].retry.$post({ param: { id } });
}

describe('the sync health of a program', () => {
  it("counts a filed report's create_issue job as pending, with the age of the oldest", async () => {
    const { programId, releaseId } = await programWithRelease();
    const first = await fileReport(releaseId);
    expect(first.job).toMatchObject({ status: 'pending', attempts: 0 });
    await fileReport(releaseId, 'Import drops accents');
    const created = new Date(Date.now() - 90_000);
    await server.prisma.syncJob.update({
      where: { id: first.jobId },
      data: { createdAt: created },
      select: { id: true },
    });

    const sync = await health(programId);
    expect(sync.queue).toEqual({
      pending: 2,
      running: 0,
      done: 0,
      dead: 0,
      failing: 0,
      oldestPendingAt: created.toISOString(),
      oldestPendingSeconds: expect.any(Number),
    });
    expect(sync.queue.oldestPendingSeconds).toBeGreaterThanOrEqual(90);
    expect(sync.queue.oldestPendingSeconds).toBeLessThan(120);
    expect(sync.failures).toEqual([]);
    expect(sync.deadLetters).toEqual([]);
    expect(sync.lastSuccess).toEqual({ at: null, jobDoneAt: null, reconcileSuccessAt: null });
  });

  it('says whether credentials and a webhook secret are configured', async () => {
    const { programId, repo } = await programWithRelease();
    const sync = await health(programId);
    expect(sync.githubRepo).toBe(repo);
    expect(sync.configured).toEqual({ credentials: true, credentialsKind: 'token', webhookSecret: true });
  });

  it('lists a dead job with its report, reason and attempts, and only among dead letters', async () => {
    const { programId, releaseId } = await programWithRelease();
    const { reportId, jobId } = await fileReport(releaseId, 'Crash when the disk is full');
    const failedAt = new Date(Date.now() - 5_000);
    await server.prisma.syncJob.update({
      where: { id: jobId },
      data: { status: 'dead', attempts: 8, lastError: 'unauthorized: Bad credentials (401)', lastErrorAt: failedAt },
      select: { id: true },
    });

    const sync = await health(programId);
    expect(sync.queue).toMatchObject({ pending: 0, dead: 1, failing: 0, oldestPendingAt: null });
    expect(sync.deadLetters).toEqual([
      expect.objectContaining({
        id: jobId,
        kind: 'create_issue',
        status: 'dead',
        reportId,
        reportTitle: 'Crash when the disk is full',
        attempts: 8,
        lastError: 'unauthorized: Bad credentials (401)',
        lastErrorAt: failedAt.toISOString(),
      }),
    ]);
    expect(sync.failures).toEqual([]);
  });

  it('lists failing jobs with their reason, attempts and next try', async () => {
    const { programId, releaseId } = await programWithRelease();
    const { jobId } = await fileReport(releaseId);
    const nextTry = new Date(Date.now() + 120_000);
    await server.prisma.syncJob.update({
      where: { id: jobId },
      data: { attempts: 3, lastError: 'unknown_outcome: 502 Bad Gateway', lastErrorAt: new Date(), runAfter: nextTry },
      select: { id: true },
    });
    const sync = await health(programId);
    expect(sync.queue).toMatchObject({ pending: 1, failing: 1, dead: 0 });
    expect(sync.failures).toEqual([
      expect.objectContaining({
        id: jobId,
        status: 'pending',
        attempts: 3,
        lastError: 'unknown_outcome: 502 Bad Gateway',
        runAfter: nextTry.toISOString(),
      }),
    ]);
  });

  it('gives the last success as the later of the last job done and the last reconciliation, with its state', async () => {
    const { programId, releaseId } = await programWithRelease();
    const { jobId } = await fileReport(releaseId);
    const doneAt = new Date(Date.now() - 60_000);
    const reconciledAt = new Date(Date.now() - 30_000);
    const watermark = new Date(Date.now() - 3_600_000);
    await server.prisma.syncJob.update({
      where: { id: jobId },
      data: { status: 'done', attempts: 1, doneAt },
      select: { id: true },
    });
    await server.prisma.programSync.create({
      data: {
        programId,
        watermark,
        lastReconcileAt: reconciledAt,
        lastSuccessAt: reconciledAt,
        lastError: 'rate_limited: secondary rate limit',
        lastErrorAt: watermark,
      },
      select: { programId: true },
    });

    const sync = await health(programId);
    expect(sync.queue).toMatchObject({ pending: 0, done: 1 });
    expect(sync.lastSuccess).toEqual({
      at: reconciledAt.toISOString(),
      jobDoneAt: doneAt.toISOString(),
      reconcileSuccessAt: reconciledAt.toISOString(),
    });
    expect(sync.reconciliation).toEqual({
      watermark: watermark.toISOString(),
      lastReconcileAt: reconciledAt.toISOString(),
      lastSuccessAt: reconciledAt.toISOString(),
      lastError: 'rate_limited: secondary rate limit',
      lastErrorAt: watermark.toISOString(),
    });
  });

  it("shows the credential's budget: blocks, the primary limit, and content writes in the scaled windows", async () => {
    const { programId } = await programWithRelease();
    const now = Date.now();
    const blockedUntil = new Date(now + 45_000);
    const resetAt = new Date(now + 1_800_000);
    const lastSuccessAt = new Date(now - 2_000);
    await server.prisma.githubRateState.upsert({
      where: { key: rateKey },
      create: {
        key: rateKey,
        blockedUntil,
        blockedReason: 'secondary rate limit, retry-after 45 s',
        strikes: 2,
        coreLimit: 5000,
        coreRemaining: 4321,
        coreResetAt: resetAt,
        lastSuccessAt,
      },
      update: {},
      select: { key: true },
    });
    await server.prisma.githubRateState.upsert({
      where: { key: 'http://127.0.0.1:9 an-old-credential' },
      create: { key: 'http://127.0.0.1:9 an-old-credential', blockedUntil: new Date(now - 60_000) },
      update: {},
      select: { key: true },
    });
    // Windows of 6 s and 360 s at time scale 10.
    await server.prisma.githubWrite.createMany({
      data: [
        { key: rateKey, content: true, sentAt: new Date(now - 1_000) },
        { key: rateKey, content: true, sentAt: new Date(now - 2_000) },
        { key: rateKey, content: true, sentAt: new Date(now - 60_000) },
        { key: rateKey, content: true, sentAt: new Date(now - 400_000) },
        // Label changes and edits are writes, but do not create content.
        { key: rateKey, content: false, sentAt: new Date(now - 1_000) },
        { key: 'http://127.0.0.1:9 an-old-credential', content: true, sentAt: new Date(now - 1_000) },
      ],
    });

    const sync = await health(programId);
    expect(sync.budget).toMatchObject({
      contentPerMinute: 80,
      contentPerHour: 500,
      minuteWindowSeconds: 6,
      hourWindowSeconds: 360,
    });
    expect(sync.budget.credentials).toEqual([
      {
        key: rateKey,
        current: true,
        blocked: true,
        blockedUntil: blockedUntil.toISOString(),
        blockedReason: 'secondary rate limit, retry-after 45 s',
        strikes: 2,
        nextWriteAt: expect.any(String),
        coreLimit: 5000,
        coreRemaining: 4321,
        coreResetAt: resetAt.toISOString(),
        lastSuccessAt: lastSuccessAt.toISOString(),
        contentLastMinute: 2,
        contentLastHour: 3,
      },
      expect.objectContaining({
        key: 'http://127.0.0.1:9 an-old-credential',
        current: false,
        blocked: false,
        contentLastMinute: 1,
        contentLastHour: 1,
      }),
    ]);
    expect(JSON.stringify(sync)).not.toContain(githubEnv.GITHUB_TOKEN);
  });

  it("lists the newest webhook deliveries of the program's repository, whatever its case, and no other", async () => {
    const { programId, repo } = await programWithRelease();
    const base = Date.now() - 60_000;
    await server.prisma.webhookDelivery.createMany({
      data: [
        {
          id: `d-${randomUUID()}`,
          event: 'issues',
          action: 'labeled',
          repo,
          issueNumber: 12,
          payload: {},
          status: 'processed',
          outcome: 'priority P1',
          attempts: 1,
          receivedAt: new Date(base),
          processedAt: new Date(base + 40),
        },
        {
          id: 'newest-delivery',
          event: 'issue_comment',
          action: 'created',
          repo: repo.toUpperCase(),
          issueNumber: 12,
          payload: {},
          status: 'failed',
          outcome: 'GitHub did not answer',
          attempts: 3,
          receivedAt: new Date(base + 1_000),
        },
        { id: `other-${randomUUID()}`, event: 'issues', action: 'opened', repo: 'acme/elsewhere', payload: {} },
      ],
    });
    const sync = await health(programId);
    expect(sync.deliveries).toEqual([
      {
        id: 'newest-delivery',
        event: 'issue_comment',
        action: 'created',
        issueNumber: 12,
        status: 'failed',
        outcome: 'GitHub did not answer',
        attempts: 3,
        receivedAt: new Date(base + 1_000).toISOString(),
        processedAt: null,
      },
      expect.objectContaining({
        event: 'issues',
        action: 'labeled',
        status: 'processed',
        outcome: 'priority P1',
        processedAt: new Date(base + 40).toISOString(),
      }),
    ]);
  });

  it('keeps at most 50 deliveries', async () => {
    const { programId, repo } = await programWithRelease();
    await server.prisma.webhookDelivery.createMany({
      data: Array.from({ length: 55 }, (_, index) => ({
        id: `bulk-${randomUUID()}`,
        event: 'issues',
        action: 'edited',
        repo,
        payload: {},
        receivedAt: new Date(Date.now() - index * 1_000),
      })),
    });
    expect((await health(programId)).deliveries).toHaveLength(50);
  });

  it('is for engineers too', async () => {
    const { programId } = await programWithRelease();
    expect((await health(programId, engineer)).programId).toBe(programId);
  });

  it('refuses internal testers and MVPs (403), and strangers (401)', async () => {
    const { programId } = await programWithRelease();
    for (const role of ['internal_tester', 'mvp'] as const) {
      const { client } = await signedInClient(server, role);
      const response = await client.api.api.programs[':id'].sync.$get({ param: { id: programId } });
      expect(response.status).toBe(403);
      expect((await readProblem(response)).code).toBe('forbidden');
    }
    const anonymous = await server.client().api.api.programs[':id'].sync.$get({ param: { id: programId } });
    expect(anonymous.status).toBe(401);
  });

  it('answers 404 for a program that does not exist, and 400 for an id that is not one', async () => {
    const missing = await admin.api.api.programs[':id'].sync.$get({
      param: { id: '01900000-0000-7000-8000-000000000000' },
    });
    expect(missing.status).toBe(404);
    expect((await readProblem(missing)).detail).toBe('No such program.');
    const malformed = await admin.api.api.programs[':id'].sync.$get({ param: { id: 'not-a-uuid' } });
    expect(malformed.status).toBe(400);
  });
});

describe('retrying a sync job', () => {
  it('puts a dead job back in the queue: pending, attempts 0, due now, its reason kept', async () => {
    const { programId, releaseId } = await programWithRelease();
    const { jobId } = await fileReport(releaseId);
    await server.prisma.syncJob.update({
      where: { id: jobId },
      data: {
        status: 'dead',
        attempts: 8,
        lastError: 'rejected: 422 Validation Failed',
        lastErrorAt: new Date(),
        runAfter: new Date(Date.now() + 3_600_000),
        leaseOwner: 'worker-gone',
        leaseUntil: new Date(Date.now() - 1_000),
      },
      select: { id: true },
    });
    const before = Date.now();

    const retried = await bodyOf(await retry(jobId, engineer), 200);
    expect(retried).toMatchObject({ id: jobId, status: 'pending', attempts: 0 });
    expect(Date.parse(retried.runAfter)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(retried.runAfter)).toBeLessThanOrEqual(Date.now() + 1_000);
    const row = await server.prisma.syncJob.findUniqueOrThrow({
      where: { id: jobId },
      select: { status: true, attempts: true, lastError: true, leaseOwner: true, leaseUntil: true },
    });
    expect(row).toEqual({
      status: 'pending',
      attempts: 0,
      lastError: 'rejected: 422 Validation Failed',
      leaseOwner: null,
      leaseUntil: null,
    });

    const sync = await health(programId);
    expect(sync.deadLetters).toEqual([]);
    expect(sync.queue).toMatchObject({ pending: 1, dead: 0 });
  });

  it('hurries a failing job: due now with a fresh attempt budget', async () => {
    const { releaseId } = await programWithRelease();
    const { jobId } = await fileReport(releaseId);
    await server.prisma.syncJob.update({
      where: { id: jobId },
      data: { attempts: 4, lastError: 'unknown_outcome: timeout', runAfter: new Date(Date.now() + 600_000) },
      select: { id: true },
    });
    const retried = await bodyOf(await retry(jobId), 200);
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    expect(Date.parse(retried.runAfter)).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('answers 409 for a job that is done, running, or waiting without having failed', async () => {
    const { releaseId } = await programWithRelease();
    const waiting = await fileReport(releaseId);
    const done = await fileReport(releaseId);
    const running = await fileReport(releaseId);
    await server.prisma.syncJob.update({
      where: { id: done.jobId },
      data: { status: 'done', doneAt: new Date(), attempts: 1 },
      select: { id: true },
    });
    await server.prisma.syncJob.update({
      where: { id: running.jobId },
      data: { status: 'running', leaseOwner: 'w1', leaseUntil: new Date(Date.now() + 30_000), lastError: 'earlier' },
      select: { id: true },
    });
    for (const { jobId } of [waiting, done, running]) {
      const response = await retry(jobId);
      expect(response.status).toBe(409);
      expect((await readProblem(response)).code).toBe('conflict');
    }
    const rows = await server.prisma.syncJob.findMany({
      where: { id: { in: [waiting.jobId, done.jobId, running.jobId] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
      [waiting.jobId]: 'pending',
      [done.jobId]: 'done',
      [running.jobId]: 'running',
    });
  });

  it('answers 404 for a job that does not exist', async () => {
    const response = await retry('01900000-0000-7000-8000-00000000dead');
    expect(response.status).toBe(404);
    expect((await readProblem(response)).detail).toBe('No such sync job.');
  });

  it('refuses internal testers and MVPs, and leaves the job dead', async () => {
    const { releaseId } = await programWithRelease();
    const { jobId } = await fileReport(releaseId);
    await server.prisma.syncJob.update({
      where: { id: jobId },
      data: { status: 'dead', attempts: 8, lastError: 'gone' },
      select: { id: true },
    });
    for (const role of ['internal_tester', 'mvp'] as const) {
      const { client } = await signedInClient(server, role);
      expect((await retry(jobId, client)).status).toBe(403);
    }
    const row = await server.prisma.syncJob.findUniqueOrThrow({ where: { id: jobId }, select: { status: true } });
    expect(row.status).toBe('dead');
  });
});

describe('a server without GitHub settings', () => {
  let bare: TestServer;
  beforeAll(async () => {
    bare = await startTestServer({ SYNC_WORKER: 'false' });
  });
  afterAll(() => bare?.stop());

  it('says that neither credentials nor a webhook secret are configured, with no budget to show', async () => {
    const program = await createProgram(bare);
    const { client } = await signedInClient(bare, 'admin');
    const sync = await bodyOf(await client.api.api.programs[':id'].sync.$get({ param: { id: program.id } }), 200);
    expect(sync.configured).toEqual({ credentials: false, credentialsKind: 'none', webhookSecret: false });
    expect(sync.budget.credentials).toEqual([]);
    expect(sync.budget).toMatchObject({ minuteWindowSeconds: 60, hourWindowSeconds: 3600 });
  });
});
