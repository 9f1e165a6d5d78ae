import { describe, expect, it } from 'vitest';
import { filingLimits } from '../../api/reports/reports.schemas.ts';
import { bodyOf } from '../support/problem.ts';
import { outboundWorld, until } from '../support/sync-outbound-fixtures.ts';
import { signedInClient } from '../support/test-server.ts';

// Who gets GitHub's budget first when several reporters' reports wait. The emulator numbers a
// repository's issues in the order they are created, so issue numbers show the order of creation.

const timeScale = 60;

const { server, setUp, mvpOf, fileReport, startWorker, readReport, untilLinked, expectOneIssueEach, emulator } =
  outboundWorld({
    timeScale,
  });

/** The issue numbers of the reports, in their order. */
const issueNumbers = (reports: { id: string }[]) =>
  Promise.all(reports.map(async (report) => (await readReport(report.id)).issueNumber));

describe('sharing GitHub between reporters', () => {
  it("creates a quiet reporter's issue among the first, however many a noisy one queued before it", async () => {
    const { repo, release } = await setUp();
    const noisy = await mvpOf(release);
    const quiet = await mvpOf(release);
    const flood = [];
    for (let n = 0; n < filingLimits.mvp.burst; n += 1) flood.push(await fileReport(noisy.client, release.id));
    const late = await fileReport(quiet.client, release.id);

    const worker = await startWorker();
    try {
      for (const report of [late, ...flood]) await untilLinked(report.id);
    } finally {
      await worker.stop();
    }
    expect((await readReport(late.id)).issueNumber).toBeLessThanOrEqual(2);
    await expectOneIssueEach(
      repo,
      [...flood, late].map((report) => report.id),
    );
  });

  it("takes turns between busy reporters, each one's reports in the order filed", async () => {
    const { repo, release } = await setUp();
    const first = await mvpOf(release);
    const second = await mvpOf(release);
    const firsts = [];
    const seconds = [];
    for (let n = 0; n < 6; n += 1) firsts.push(await fileReport(first.client, release.id));
    for (let n = 0; n < 6; n += 1) seconds.push(await fileReport(second.client, release.id));

    const worker = await startWorker();
    try {
      for (const report of [...firsts, ...seconds]) await untilLinked(report.id);
    } finally {
      await worker.stop();
    }
    expect(await issueNumbers(firsts)).toEqual([1, 3, 5, 7, 9, 11]);
    expect(await issueNumbers(seconds)).toEqual([2, 4, 6, 8, 10, 12]);
    await expectOneIssueEach(
      repo,
      [...firsts, ...seconds].map((report) => report.id),
    );
  });

  it("posts a comment in its author's turn, not behind the reports of the reporter it answers", async () => {
    const { release } = await setUp();
    const reporter = await mvpOf(release);
    const answered = await fileReport(reporter.client, release.id);
    const linking = await startWorker();
    try {
      await untilLinked(answered.id);
    } finally {
      await linking.stop();
    }
    const more = [];
    for (let n = 0; n < 6; n += 1) more.push(await fileReport(reporter.client, release.id));
    // Staff answer the first report publicly, after the reporter queued six more.
    const { client: staff } = await signedInClient(server(), 'admin');
    const comment = await bodyOf(
      await staff.api.api.reports[':id'].comments.$post({
        param: { id: answered.id },
        json: { body: 'Which printer driver do you use?', visibility: 'public' },
      }),
      201,
    );
    const worker = await startWorker();
    try {
      for (const report of more) await untilLinked(report.id);
      await until(
        () =>
          server().prisma.reportComment.findUniqueOrThrow({
            where: { id: comment.id },
            select: { githubCommentId: true },
          }),
        (row) => row.githubCommentId !== null,
      );
    } finally {
      await worker.stop();
    }
    const jobs = await server().prisma.syncJob.findMany({
      where: { reportId: { in: [answered.id, ...more.map((report) => report.id)] }, status: 'done' },
      orderBy: { doneAt: 'asc' },
      select: { kind: true, reportId: true },
    });
    // The reporter's oldest waiting report, then the staff answer: each person's first job in the first turn.
    expect(jobs.slice(1, 3)).toEqual([
      { kind: 'create_issue', reportId: more[0]!.id },
      { kind: 'post_comment', reportId: answered.id },
    ]);
  });

  it('sends one request to GitHub at a time, in turn, while the next job gets ready', async () => {
    const { repo, release } = await setUp();
    const first = await mvpOf(release);
    const second = await mvpOf(release);
    const firsts = [];
    const seconds = [];
    for (let n = 0; n < 5; n += 1) firsts.push(await fileReport(first.client, release.id));
    for (let n = 0; n < 5; n += 1) seconds.push(await fileReport(second.client, release.id));
    // No spacing between writes, each answer 50 ms after its issue is made, and GitHub refusing a
    // second request of the token while one is out: the worker's own order is all that keeps its
    // requests apart.
    const earlier = (await emulator().control.stats()).violations.length;
    await emulator().control.setLimits({ maxConcurrent: 1 });
    await emulator().control.addFaults({
      kind: 'slow',
      method: 'POST',
      path: `${repo}/issues$`,
      delayMs: 50,
      times: 10,
    });
    const worker = await startWorker({ settings: { GITHUB_WRITE_SPACING_MS: '0' } });
    try {
      for (const report of [...firsts, ...seconds]) await untilLinked(report.id);
    } finally {
      await worker.stop();
      await emulator().control.setLimits({ maxConcurrent: 100 });
    }
    const { violations } = await emulator().control.stats();
    expect(violations.slice(earlier)).toEqual([]);
    expect(await issueNumbers(firsts)).toEqual([1, 3, 5, 7, 9]);
    expect(await issueNumbers(seconds)).toEqual([2, 4, 6, 8, 10]);
    await expectOneIssueEach(
      repo,
      [...firsts, ...seconds].map((report) => report.id),
    );
  });
});
