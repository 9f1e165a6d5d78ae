import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commentMarker, reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { createGithubClient, type GithubClient } from '../../api/github-sync/client/github-client.ts';
import { retrySyncJob } from '../../api/github-sync/outbound/retry-sync-job.ts';
import { startSyncWorker } from '../../api/github-sync/outbound/start-sync-worker.ts';
import { createLogger } from '../../api/lib/logger.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf } from '../support/problem.ts';
import { outboundWorld, until } from '../support/sync-outbound-fixtures.ts';
import { signedInClient } from '../support/test-server.ts';

// GitHub's minute lasts a second here: windows, waits and back-offs all shrink alike, in the
// emulator and in the sync.
const timeScale = 60;

const zwsp = '\u200B';
const {
  server,
  emulator,
  setUp,
  mvpOf,
  fileReport,
  workerEnv,
  startWorker,
  readReport,
  untilLinked,
  jobOf,
  expectOneIssueEach,
} = outboundWorld({ timeScale });

describe('creating issues', () => {
  it('creates one issue per report with the report, labels and handle, and no personal data', async () => {
    const { repo, programId, release } = await setUp();
    const mvp = await mvpOf(release);
    const filed = await fileReport(mvp.client, release.id, {
      steps: '1. Ask @octocat\n2. This fixes #3 and closes acme/desktop#4',
      environment: { os: 'macOS 15', browser: 'Firefox' },
    });
    const staff = await signedInClient(server(), 'internal_tester', { programs: [programId] });
    const internal = await fileReport(staff.client, release.id);
    const worker = await startWorker();
    try {
      await untilLinked(filed.id);
      await untilLinked(internal.id);
    } finally {
      await worker.stop();
    }
    await expectOneIssueEach(repo, [filed.id, internal.id]);
    const issues = await emulator().control.issues(repo);
    const customer = issues.find((issue) => issue.body?.includes(reportMarker(filed.id)))!;
    expect(customer.title).toBe(filed.title);
    expect(customer.body).toContain(`Filed in Fieldtest by **${mvp.handle}**`);
    expect(customer.body).toContain(`@${zwsp}octocat`);
    expect(customer.body).toContain(`f${zwsp}ixes #${zwsp}3`);
    expect(customer.body).toContain('| OS | macOS 15 |');
    expect(customer.body?.trimEnd().endsWith(reportMarker(filed.id))).toBe(true);
    for (const secret of [mvp.user.name, mvp.user.email, 'Secret Customer GmbH'])
      expect(customer.body).not.toContain(secret);
    const labels = (issue: (typeof issues)[number]) =>
      issue.labels.map((label) => (typeof label === 'string' ? label : label.name)).sort();
    expect(labels(customer)).toEqual(['fieldtest', `release: ${release.version}`, 'source: customer'].sort());
    const staffIssue = issues.find((issue) => issue.body?.includes(reportMarker(internal.id)))!;
    expect(staffIssue.body).toContain('Filed in Fieldtest by **an internal tester**');
    expect(staffIssue.body).not.toContain(staff.user.name);
    expect(labels(staffIssue)).toContain('source: internal');

    const report = await readReport(filed.id);
    expect(report).toMatchObject({
      status: 'synced',
      issueRepo: repo,
      issueNumber: customer.number,
      issueId: BigInt(customer.id),
      issueUrl: customer.html_url,
      issueState: 'open',
    });
    expect(report.issueLabels.sort()).toEqual(labels(customer));
    const events = await server().prisma.reportEvent.findMany({
      where: { reportId: filed.id, kind: 'synced' },
      select: { data: true },
    });
    expect(events).toEqual([{ data: { issueNumber: customer.number, issueUrl: customer.html_url } }]);
    expect(await jobOf(filed.id)).toMatchObject({ status: 'done', attempts: 0 });
  });

  it('creates exactly one issue when the answer to the create is lost', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    await emulator().control.addFaults({ method: 'POST', path: `/repos/${repo}/issues$`, kind: 'reset_after_write' });
    const filed = await fileReport(mvp.client, release.id);
    const worker = await startWorker();
    try {
      await untilLinked(filed.id);
    } finally {
      await worker.stop();
    }
    await expectOneIssueEach(repo, [filed.id]);
    const job = await jobOf(filed.id);
    expect(job).toMatchObject({ status: 'done', attempts: 1 });
    expect(job.firstSentAt).not.toBeNull();
    expect(job.lastError).toMatch(/no answer from GitHub/);
  });

  it('retries a create that GitHub answered with 5xx, still making one issue', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    await emulator().control.addFaults({
      method: 'POST',
      path: `/repos/${repo}/issues$`,
      kind: 'status',
      status: 502,
      times: 2,
    });
    const filed = await fileReport(mvp.client, release.id);
    const worker = await startWorker();
    try {
      await untilLinked(filed.id);
    } finally {
      await worker.stop();
    }
    await expectOneIssueEach(repo, [filed.id]);
    expect(await jobOf(filed.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('records the answer to a create with its link, and when the link found the job taken over', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    // Each answer comes 400 ms after the issue is made: the write is counted from its answer.
    await emulator().control.addFaults({
      method: 'POST',
      path: `/repos/${repo}/issues$`,
      kind: 'slow',
      delayMs: 400,
      times: 2,
    });
    const first = await fileReport(mvp.client, release.id);
    const second = await fileReport(mvp.client, release.id);
    const worker = await startWorker();
    const { prisma } = server();
    let sent: Awaited<ReturnType<typeof jobOf>>;
    try {
      await untilLinked(first.id);
      // The second create is out at GitHub: another process takes its job over before the answer.
      sent = await until(
        () => jobOf(second.id),
        (job) => job.firstSentAt !== null,
      );
      await prisma.syncJob.update({ where: { id: sent.id }, data: { leaseOwner: 'another process' } });
      await until(
        () => emulator().control.issues(repo),
        (issues) => issues.length === 2,
      );
      // Answered: the link finds the job taken over and leaves the report to the new holder.
      await until(
        () => prisma.githubWrite.findMany({ where: { key: worker.github.rateKey }, orderBy: { id: 'asc' } }),
        (writes) => writes.length === 2 && writes[1]!.sentAt.getTime() - sent.firstSentAt!.getTime() >= 400,
      );
    } finally {
      await worker.stop();
    }
    expect(await readReport(second.id)).toMatchObject({ issueNumber: null });
    expect(await jobOf(second.id)).toMatchObject({ status: 'running' });
    const writes = await prisma.githubWrite.findMany({ where: { key: worker.github.rateKey }, orderBy: { id: 'asc' } });
    const sentAt = [(await jobOf(first.id)).firstSentAt!, sent.firstSentAt!];
    // Both writes are counted from their answers, 400 ms after they left.
    expect(writes.map((write, n) => write.sentAt.getTime() - sentAt[n]!.getTime() >= 400)).toEqual([true, true]);
    const state = await prisma.githubRateState.findUniqueOrThrow({ where: { key: worker.github.rateKey } });
    expect(state).toMatchObject({ strikes: 0, blockedUntil: null, coreLimit: 5000 });
    expect(state.coreRemaining).toBeLessThan(5000);
    expect(state.lastSuccessAt!.getTime()).toBeGreaterThanOrEqual(writes[1]!.sentAt.getTime());
  });

  it('links the issue an earlier process created before it could commit, without creating another', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    const filed = await fileReport(mvp.client, release.id);
    // The earlier process: marked the job as sent, GitHub created the issue, then it died.
    const token = `ghp_${randomBytes(16).toString('hex')}`;
    await emulator().control.addToken(token);
    const [owner, name] = repo.split('/') as [string, string];
    const crashed = await fetch(`${emulator().url}/repos/${owner}/${name}/issues`, {
      method: 'POST',
      headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: filed.title, body: `Steps …\n\n${reportMarker(filed.id)}\n` }),
    });
    expect(crashed.status).toBe(201);
    const created = (await crashed.json()) as { number: number };
    await server().prisma.syncJob.update({
      where: { key: `create_issue:${filed.id}` },
      data: {
        status: 'running',
        leaseOwner: 'a process that died',
        leaseUntil: new Date(Date.now() - 1000),
        firstSentAt: new Date(Date.now() - 2000),
      },
    });
    const creates = (await emulator().control.stats()).contentCreates;
    const worker = await startWorker();
    try {
      await untilLinked(filed.id);
    } finally {
      await worker.stop();
    }
    expect((await readReport(filed.id)).issueNumber).toBe(created.number);
    await expectOneIssueEach(repo, [filed.id]);
    expect((await emulator().control.stats()).contentCreates).toBe(creates);
    expect(await jobOf(filed.id)).toMatchObject({ status: 'done' });
  });

  it('makes a dead letter of a report whose repository does not exist, and a retry delivers it', async () => {
    const { repo, release } = await setUp({ createRepo: false });
    const mvp = await mvpOf(release);
    const filed = await fileReport(mvp.client, release.id);
    const worker = await startWorker();
    try {
      const dead = await until(
        () => jobOf(filed.id),
        (job) => job.status === 'dead',
      );
      expect(dead.attempts).toBe(3);
      expect(dead.lastError).toMatch(/GitHub answered 404/);
      expect((await readReport(filed.id)).issueNumber).toBeNull();

      await emulator().control.createRepo(repo);
      expect(await retrySyncJob({ prisma: server().prisma, id: dead.id })).toEqual({ retried: true });
      worker.wake();
      await untilLinked(filed.id);
    } finally {
      await worker.stop();
    }
    await expectOneIssueEach(repo, [filed.id]);
    expect(await retrySyncJob({ prisma: server().prisma, id: (await jobOf(filed.id)).id })).toEqual({ retried: false });
  });

  it('gives every report exactly one issue when two workers race over 30 jobs', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    const reports = [];
    for (let index = 0; index < 30; index += 1) reports.push(await fileReport(mvp.client, release.id));
    const violations = (await emulator().control.stats()).violations.length;
    // Both on one credential, as two API processes would be.
    const first = await startWorker({ owner: 'worker-a' });
    const env = await workerEnv(first.token);
    const second = startSyncWorker({
      prisma: server().prisma,
      env,
      logger: createLogger('silent'),
      github: createGithubClient(env.github) as GithubClient,
      owner: 'worker-b',
    });
    try {
      for (const report of reports) await untilLinked(report.id);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    await expectOneIssueEach(
      repo,
      reports.map((report) => report.id),
    );
    expect((await emulator().control.stats()).violations.length).toBe(violations);
  });
});

describe('posting comments', () => {
  it('posts public comments once under the handle, after the issue exists, and never team notes', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    const filed = await fileReport(mvp.client, release.id);
    const comment = async (client: TestClient, body: string, visibility: 'public' | 'team') =>
      bodyOf(
        await client.api.api.reports[':id'].comments.$post({ param: { id: filed.id }, json: { body, visibility } }),
        201,
      );
    // Written before the issue exists: it waits for it.
    const early = await comment(mvp.client, 'Still crashes, cc @octocat', 'public');
    const lead = await signedInClient(server(), 'admin');
    await comment(lead.client, 'Team only: probably the print driver', 'team');
    const worker = await startWorker();
    try {
      const { issueNumber } = await untilLinked(filed.id);
      await emulator().control.addFaults({
        method: 'POST',
        path: `/issues/${issueNumber}/comments$`,
        kind: 'reset_after_write',
      });
      const late = await comment(mvp.client, 'And on Windows too', 'public');
      for (const id of [early.id, late.id]) {
        await until(
          () => server().prisma.reportComment.findUniqueOrThrow({ where: { id }, select: { githubCommentId: true } }),
          (row) => row.githubCommentId !== null,
        );
      }
      const posted = await emulator().control.comments(repo, issueNumber!);
      expect(posted).toHaveLength(2);
      const [first, second] = [early, late].map((mine) =>
        posted.filter((one) => one.body?.includes(commentMarker(mine.id))),
      );
      expect(first).toHaveLength(1);
      expect(second).toHaveLength(1);
      expect(first![0]!.body).toMatch(
        new RegExp(`^\\*\\*${mvp.handle}\\*\\* wrote in Fieldtest:\\n\\nStill crashes, cc @${zwsp}octocat`),
      );
      expect(posted.some((one) => one.body?.includes('Team only'))).toBe(false);
      const stored = await server().prisma.reportComment.findUniqueOrThrow({
        where: { id: late.id },
        select: { githubCommentId: true },
      });
      expect(stored.githubCommentId).toBe(BigInt(second![0]!.id));
    } finally {
      await worker.stop();
    }
    const jobs = await server().prisma.syncJob.findMany({
      where: { reportId: filed.id, kind: 'post_comment' },
      select: { status: true },
    });
    expect(jobs).toEqual([{ status: 'done' }, { status: 'done' }]);
  });
});
