import { minuteMs, scaled } from '../client/sync-timing.ts';
import { awaitWriteSlot, callGithub, GithubCallError, SlotWait } from './github-call.ts';
import { issueUpdateSchema } from './issue-update.ts';
import type { SyncJobContext } from './sync-job-context.ts';

/**
 * Applies an `update_issue` job: labels added, labels removed, the issue reopened. It waits
 * (without counting attempts) until the report has its issue. A label already gone is what was
 * wanted, so GitHub's 404 for it is success. Returns false: the caller ends the job.
 */
export async function updateIssue(context: SyncJobContext): Promise<boolean> {
  const { prisma, github, job } = context;
  const update = issueUpdateSchema.parse(job.payload ?? {});
  const report = await prisma.report.findUnique({
    where: { id: job.reportId },
    select: { issueRepo: true, issueNumber: true, issueDeletedAt: true },
  });
  if (!report || report.issueDeletedAt) return false;
  const { issueRepo, issueNumber } = report;
  if (!issueRepo || issueNumber === null) {
    throw new SlotWait(scaled(minuteMs, context.env.github.pacing), 'the report has no GitHub issue yet');
  }
  const [owner, repo] = issueRepo.split('/');
  if (!owner || !repo) {
    throw new GithubCallError({ kind: 'rejected', status: 0, reason: `"${issueRepo}" is not owner/name` }, null);
  }
  const { octokit } = github;
  if (update.addLabels.length) {
    await awaitWriteSlot(context, { content: false });
    await callGithub(context, () =>
      octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: update.addLabels }),
    );
  }
  for (const name of update.removeLabels) {
    await awaitWriteSlot(context, { content: false });
    try {
      await callGithub(context, () =>
        octokit.rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name }),
      );
    } catch (error) {
      if (!(error instanceof GithubCallError && error.failure.kind === 'gone')) throw error;
    }
  }
  if (update.state) {
    await awaitWriteSlot(context, { content: false });
    await callGithub(context, () =>
      octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, state: update.state }),
    );
  }
  context.logger.info({ jobId: job.id, reportId: job.reportId, update }, 'issue updated');
  return false;
}
