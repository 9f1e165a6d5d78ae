import { describe, expect, it } from 'vitest';
import { startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { outboundWorld, syncFixtures, until } from '../support/sync-outbound-fixtures.ts';

// A scaled minute lasts a second: GitHub's waits without retry-after, back-offs and blocks shrink
// alike in the emulator and in the sync.
const timeScale = 60;
const scaledMinuteMs = 60_000 / timeScale;

const { server, emulator, setUp, mvpOf, fileReport, startWorker, untilLinked, jobOf, expectOneIssueEach } =
  outboundWorld({ timeScale });

/** Files `count` reports into a new repository and returns what the test needs. */
async function queued(count: number, options: { createRepo?: boolean } = {}) {
  const { repo, release } = await setUp(options);
  const mvp = await mvpOf(release);
  const reports = [];
  for (let index = 0; index < count; index += 1) reports.push(await fileReport(mvp.client, release.id));
  return { repo, reports };
}

async function stats() {
  return emulator().control.stats();
}

describe('rate limits', () => {
  it.each([
    ['with retry-after', 1, 1000],
    ['without retry-after', null, scaledMinuteMs],
  ] as const)('waits out a secondary limit %s, without a request while limited', async (_name, retryAfter, waitMs) => {
    const { repo, reports } = await queued(3);
    await emulator().control.addFaults({
      method: 'POST',
      path: `/repos/${repo}/issues$`,
      kind: 'secondary_limit',
      retryAfter,
    });
    const before = await stats();
    const started = Date.now();
    const worker = await startWorker();
    try {
      await until(
        () => jobOf(reports[0]!.id),
        (job) => job.lastError !== null,
      );
      expect(await jobOf(reports[0]!.id)).toMatchObject({ status: 'pending', attempts: 0 });
      for (const report of reports) await untilLinked(report.id);
    } finally {
      await worker.stop();
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(waitMs);
    const after = await stats();
    expect(after.violations.slice(before.violations.length)).toEqual([]);
    expect(after.limited - before.limited).toBe(1);
    // Three creates and the one refused: no hot loop while waiting.
    expect(after.requests - before.requests).toBe(4);
    await expectOneIssueEach(
      repo,
      reports.map((report) => report.id),
    );
    for (const report of reports) expect(await jobOf(report.id)).toMatchObject({ status: 'done', attempts: 0 });
  });

  it('waits for the reset of an exhausted primary limit', async () => {
    // GitHub's reset is the end of its hour window: a faster clock keeps that hour to 3.6 s.
    const fast = await startGithubEmulator({ timeScale: 1000 });
    try {
      const sync = syncFixtures({ server, emulator: () => fast, timeScale: 1000 });
      const { repo, release } = await sync.setUp();
      const mvp = await sync.mvpOf(release);
      const reports = [await sync.fileReport(mvp.client, release.id), await sync.fileReport(mvp.client, release.id)];
      await fast.control.addFaults({
        method: 'POST',
        path: `/repos/${repo}/issues$`,
        kind: 'primary_limit',
        retryAfter: 1,
      });
      const worker = await sync.startWorker();
      let resetAt: Date | null = null;
      try {
        const limited = await until(
          () => server().prisma.githubRateState.findMany({ select: { blockedUntil: true, blockedReason: true } }),
          (states) => states.some((state) => state.blockedReason?.startsWith('rate limited (403)') === true),
        );
        resetAt = limited.find((state) => state.blockedReason?.startsWith('rate limited (403)'))!.blockedUntil;
        for (const report of reports) await sync.untilLinked(report.id);
      } finally {
        await worker.stop();
      }
      const linkedAt = await server().prisma.reportEvent.findMany({
        where: { reportId: { in: reports.map((report) => report.id) }, kind: 'synced' },
        select: { createdAt: true },
      });
      for (const event of linkedAt) expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(resetAt!.getTime());
      const after = await fast.control.stats();
      expect(after.violations).toEqual([]);
      expect(after.requests).toBe(3);
      await sync.expectOneIssueEach(
        repo,
        reports.map((report) => report.id),
      );
    } finally {
      await fast.stop();
    }
  });

  it('stops sending while the credentials are rejected, then recovers', async () => {
    const { repo, reports } = await queued(2);
    await emulator().control.addFaults({ path: `/repos/${repo}/`, kind: 'status', status: 401, times: 1 });
    const before = await stats();
    const worker = await startWorker();
    try {
      // The block is recorded as GitHub answers, the job's attempt right after.
      await until(
        () => jobOf(reports[0]!.id),
        (job) => job.attempts === 1,
      );
      const blocked = await until(
        () =>
          server().prisma.githubRateState.findMany({ select: { key: true, blockedReason: true, blockedUntil: true } }),
        (states) => states.some((state) => state.blockedReason?.startsWith('credentials rejected') === true),
      );
      const state = blocked.find((one) => one.blockedReason?.startsWith('credentials rejected'))!;
      // A few (scaled) minutes.
      expect(state.blockedUntil!.getTime() - Date.now()).toBeGreaterThan(2 * scaledMinuteMs);
      expect(await jobOf(reports[0]!.id)).toMatchObject({ status: 'pending', attempts: 1 });
      const during = await stats();
      expect(during.requests - before.requests).toBe(1);
      for (const report of reports) await untilLinked(report.id);
    } finally {
      await worker.stop();
    }
    await expectOneIssueEach(
      repo,
      reports.map((report) => report.id),
    );
  });
});

describe('outages', () => {
  it('probes an outage one request at a time and delivers everything once GitHub is back', async () => {
    const { repo, reports } = await queued(5);
    await emulator().control.setOutage(true);
    const before = await stats();
    const worker = await startWorker();
    try {
      await until(
        () => jobOf(reports[0]!.id),
        (job) => job.attempts >= 1,
      );
      // Down for a while: a back-off that grows (1, 2, 4 … scaled seconds), not a hot loop.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const during = await stats();
      expect(during.requests - before.requests).toBeLessThanOrEqual(15);
      await emulator().control.setOutage(false);
      for (const report of reports) await untilLinked(report.id, 30_000);
    } finally {
      await emulator().control.setOutage(false);
      await worker.stop();
    }
    await expectOneIssueEach(
      repo,
      reports.map((report) => report.id),
    );
    for (const report of reports) expect(await jobOf(report.id)).toMatchObject({ status: 'done' });
  });
});
