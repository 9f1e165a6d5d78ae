import type { Prisma } from '../generated/prisma/client.ts';
import { type GithubIssue, githubIssueSchema, repoOfIssue, reportMarker } from '../github/github.schemas.ts';
import { awaitReadPermission, callGithub, GithubCallError, LeaseLost, sendWrite } from './github-call.ts';
import { neutraliseGithubText } from './neutralise-github-text.ts';
import { publicHandle } from './public-handle.ts';
import { renderIssueBody } from './render-issue-body.ts';
import type { SyncJobContext } from './sync-job-context.ts';

const reportForIssueSelect = {
  id: true,
  title: true,
  steps: true,
  expected: true,
  actual: true,
  severity: true,
  component: true,
  environment: true,
  source: true,
  issueNumber: true,
  program: { select: { githubRepo: true, issueLabels: true } },
  release: { select: { version: true, build: true } },
  reporter: { select: { role: true, mvpProfile: { select: { handle: true } } } },
  attachments: { select: { fileName: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.ReportSelect;

// How far before the first send an issue's `updated_at` may lie and still be ours: clocks differ.
const clockSlackMs = 5 * 60_000;

/**
 * Creates the report's GitHub issue exactly once. A create whose outcome is unknown (firstSentAt
 * set: a timeout, a 5xx, a lost answer, a crash) is looked for first, by its marker, in the
 * repository's issues listed newest first (not the search API, whose index lags); only when it
 * is not there is the issue created, with no transport retry. Linking is conditional on the report
 * having no issue yet, so two processes can never link two issues.
 */
export async function createIssueForReport(context: SyncJobContext): Promise<void> {
  const { prisma, github, job } = context;
  const report = await prisma.report.findUnique({ where: { id: job.reportId }, select: reportForIssueSelect });
  if (!report || report.issueNumber !== null) return;
  const [owner, repo] = report.program.githubRepo.split('/');
  if (!owner || !repo) {
    throw new GithubCallError(
      {
        kind: 'rejected',
        status: 0,
        reason: `the program's repository "${report.program.githubRepo}" is not owner/name`,
      },
      null,
    );
  }
  if (job.firstSentAt) {
    const found = await findIssueByMarker(context, { owner, repo, reportId: report.id, sentAt: job.firstSentAt });
    if (found) {
      context.logger.info({ reportId: report.id, issueNumber: found.number }, 'found the issue of an earlier create');
      await linkIssue(context, found);
      return;
    }
  }
  const labels = [...report.program.issueLabels, `source: ${report.source}`, `release: ${report.release.version}`].map(
    (label) => label.slice(0, 50),
  );
  const body = renderIssueBody({
    id: report.id,
    steps: report.steps,
    expected: report.expected,
    actual: report.actual,
    severity: report.severity,
    component: report.component,
    environment: report.environment,
    releaseVersion: report.release.version,
    releaseBuild: report.release.build,
    attachments: report.attachments,
    handle: publicHandle(report.reporter),
    portalUrl: context.env.publicUrl,
  });
  const answer = await sendWrite(context, () =>
    github.octokit.rest.issues.create({ owner, repo, title: neutraliseGithubText(report.title), body, labels }),
  );
  const issue = githubIssueSchema.parse(answer.data);
  context.logger.info({ reportId: report.id, issueNumber: issue.number }, 'issue created');
  await linkIssue(context, issue);
}

/** The report's issue among those created since shortly before the first send, newest first. */
async function findIssueByMarker(
  context: SyncJobContext,
  options: { owner: string; repo: string; reportId: string; sentAt: Date },
): Promise<GithubIssue | null> {
  const { octokit } = context.github;
  const since = new Date(options.sentAt.getTime() - clockSlackMs);
  const marker = reportMarker(options.reportId);
  await awaitReadPermission(context);
  const pages = octokit.paginate
    .iterator(octokit.rest.issues.listForRepo, {
      owner: options.owner,
      repo: options.repo,
      state: 'all',
      since: since.toISOString(),
      sort: 'created',
      direction: 'desc',
      per_page: 100,
    })
    [Symbol.asyncIterator]();
  for (;;) {
    const page = await callGithub(context, async () => {
      const next = await pages.next();
      return next.done ? { headers: {}, data: null } : { headers: next.value.headers, data: next.value.data };
    });
    if (!page.data) return null;
    for (const raw of page.data) {
      const issue = githubIssueSchema.parse(raw);
      if (issue.pull_request) continue;
      if (issue.body?.trimEnd().endsWith(marker)) return issue;
      // Sorted by creation: anything created before the first send cannot be ours.
      if (new Date(issue.created_at).getTime() < since.getTime()) return null;
    }
  }
}

/** Records the issue on the report and ends the job, in one transaction. */
async function linkIssue(context: SyncJobContext, issue: GithubIssue): Promise<void> {
  const { prisma, job, owner } = context;
  const issueUrl = issue.html_url;
  const linked = await prisma.$transaction(async (tx) => {
    const updated = await tx.report.updateMany({
      where: { id: job.reportId, issueNumber: null },
      data: {
        issueRepo: repoOfIssue(issue),
        issueNumber: issue.number,
        issueId: BigInt(issue.id),
        issueUrl,
        issueState: issue.state,
        issueStateReason: issue.state_reason ?? null,
        issueLabels: issue.labels.map((label) => label.name),
        issueUpdatedAt: new Date(issue.updated_at),
      },
    });
    if (updated.count === 1) {
      await tx.report.updateMany({ where: { id: job.reportId, status: 'new' }, data: { status: 'synced' } });
      await tx.reportEvent.create({
        data: { reportId: job.reportId, kind: 'synced', data: { issueNumber: issue.number, issueUrl } },
        select: { id: true },
      });
      // Comments written before the issue existed wait for it: they may go now.
      await tx.syncJob.updateMany({
        where: { reportId: job.reportId, kind: 'post_comment', status: 'pending' },
        data: { runAfter: new Date() },
      });
    }
    const done = await tx.syncJob.updateMany({
      where: { id: job.id, leaseOwner: owner, status: 'running' },
      data: { status: 'done', doneAt: new Date(), leaseOwner: null, leaseUntil: null },
    });
    if (done.count !== 1) throw new LeaseLost(job.id);
    return updated.count === 1;
  });
  if (!linked) {
    const current = await prisma.report.findUnique({ where: { id: job.reportId }, select: { issueNumber: true } });
    if (current && current.issueNumber !== issue.number) {
      context.logger.warn(
        { reportId: job.reportId, issueNumber: issue.number, linkedIssueNumber: current.issueNumber },
        'the report was already linked to another issue',
      );
    }
  }
}
