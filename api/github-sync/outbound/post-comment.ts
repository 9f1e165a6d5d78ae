import type { Prisma } from '../../generated/prisma/client.ts';
import { commentMarker, githubCommentSchema } from '../client/github.schemas.ts';
import { successStatement } from '../client/record-github-success.ts';
import { minuteMs, scaled } from '../client/sync-timing.ts';
import { GithubCallError, LeaseLost, type PendingSuccess, SlotWait, sendWrite } from './github-call.ts';
import { cutText, githubBodyLimit, shortenedNotice } from './github-limits.ts';
import { neutraliseGithubText } from './neutralise-github-text.ts';
import { publicHandle } from './public-handle.ts';
import { searchGithubPages } from './search-github-pages.ts';
import type { SyncJobContext } from './sync-job-context.ts';

const commentForGithubSelect = {
  id: true,
  body: true,
  visibility: true,
  purpose: true,
  githubCommentId: true,
  attachments: { select: { id: true, fileName: true }, orderBy: { createdAt: 'asc' } },
  finderId: true,
  reportId: true,
  author: { select: { role: true, mvpProfile: { select: { handle: true } } } },
  report: { select: { issueRepo: true, issueNumber: true } },
} satisfies Prisma.ReportCommentSelect;

const clockSlackMs = 5 * 60_000;

/**
 * Posts a public portal comment to the report's issue under the author's handle, once. It waits
 * (without counting attempts) until the report has its issue; linking the issue wakes it. As with
 * issues, a post whose outcome is unknown is first looked for by its marker among the issue's
 * comments. The GitHub id is kept on the comment, and the marker lets the inbound side skip it.
 * True when the job was ended with the comment's id; false when there was nothing to post.
 */
export async function postComment(context: SyncJobContext): Promise<boolean> {
  const { prisma, github, job } = context;
  if (!job.commentId) throw new Error(`post_comment job ${job.id} has no comment`);
  const comment = await prisma.reportComment.findUnique({
    where: { id: job.commentId },
    select: commentForGithubSelect,
  });
  // Team notes never leave Fieldtest, whatever queued them; a rescue summary is written for
  // engineering (it quotes several customers, so no customer reads it in the portal), and so is a
  // duplicate's finder's "still broken" (they have no thread on the fixed report to read it in).
  if (!comment || comment.githubCommentId !== null) return false;
  if (comment.visibility !== 'public' && comment.purpose !== 'rescue' && comment.purpose !== 'still_broken')
    return false;
  const { issueRepo, issueNumber } = comment.report;
  if (!issueRepo || issueNumber === null) {
    throw new SlotWait(scaled(minuteMs, context.env.github.pacing), 'the report has no GitHub issue yet');
  }
  const [owner, repo] = issueRepo.split('/');
  if (!owner || !repo) {
    throw new GithubCallError({ kind: 'rejected', status: 0, reason: `"${issueRepo}" is not owner/name` }, null);
  }
  const marker = commentMarker(comment.id);
  if (job.firstSentAt) {
    const found = await findCommentByMarker(context, { owner, repo, issueNumber, marker, sentAt: job.firstSentAt });
    if (found !== null) {
      await finishComment(context, found);
      return true;
    }
  }
  const files = fileLinks(context.env.publicUrl, comment.attachments);
  const body = fitCommentBody({
    heading: commentHeading(comment),
    text: neutraliseGithubText(comment.body).trimEnd(),
    files,
    marker,
    reportUrl: `${context.env.publicUrl}/reports/${comment.reportId}`,
  });
  await sendWrite(
    context,
    () => github.octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
    async (answer, success) => {
      const posted = githubCommentSchema.parse(answer.data);
      context.logger.info({ commentId: comment.id, githubCommentId: posted.id }, 'comment posted');
      await finishComment(context, posted.id, success);
    },
  );
  return true;
}

/**
 * The comment's files as links to the portal, where staff signed in can open them (GitHub never
 * holds a customer's files). Names are neutralised and kept out of Markdown's link syntax.
 */
function fileLinks(publicUrl: string, files: { id: string; fileName: string }[]): string {
  if (!files.length) return '';
  const lines = files.map((file) => {
    const name = neutraliseGithubText(file.fileName).replace(/[[\]()\\`*_<>]/g, '_');
    return `- [${name}](${publicUrl}/api/attachments/${file.id})`;
  });
  return ['Files (open in Fieldtest):', ...lines].join('\n');
}

/** Who wrote, as engineering reads it on the issue: a co-finder's thread is told apart from the report's. */
function commentHeading(comment: {
  finderId: string | null;
  purpose: string;
  visibility: string;
  author: Parameters<typeof publicHandle>[0];
}): string {
  const who = `**${neutraliseGithubText(publicHandle(comment.author))}**`;
  // Staff are named on GitHub by role only (publicHandle).
  if (comment.purpose === 'rescue')
    return 'The program lead asks engineering to reconsider this issue, from Fieldtest:';
  if (comment.purpose === 'answer') return `${who} answered engineering's question in Fieldtest:`;
  if (comment.purpose === 'still_broken') {
    if (comment.visibility === 'team')
      return `${who}, who reported a duplicate of this bug, says the fix does not work for them, in Fieldtest:`;
    return comment.finderId === null
      ? `${who}, who reported this bug, says the fix does not work for them, in Fieldtest:`
      : `${who}, who found this bug too, says the fix does not work for them, in Fieldtest:`;
  }
  if (comment.finderId === null) return `${who} wrote in Fieldtest:`;
  return comment.author?.role === 'mvp'
    ? `${who}, who found this bug too, wrote in Fieldtest:`
    : `${who} answered someone who found this bug too, in Fieldtest:`;
}

/**
 * Keeps GitHub's id on the comment and ends the job, in one transaction; the post's answer, when
 * it was just sent, is recorded in it too (and on its own if the transaction is undone).
 */
async function finishComment(
  context: SyncJobContext,
  githubCommentId: number,
  success?: PendingSuccess,
): Promise<void> {
  const { prisma, job, owner } = context;
  await prisma.$transaction(async (tx) => {
    if (success) await tx.$executeRaw(successStatement(success.updates));
    await tx.reportComment.updateMany({
      where: { id: job.commentId ?? undefined, githubCommentId: null },
      data: { githubCommentId: BigInt(githubCommentId) },
    });
    const done = await tx.syncJob.updateMany({
      where: { id: job.id, leaseOwner: owner, status: 'running' },
      data: { status: 'done', doneAt: new Date(), leaseOwner: null, leaseUntil: null },
    });
    if (done.count !== 1) throw new LeaseLost(job.id);
  });
  success?.recorded();
}

async function findCommentByMarker(
  context: SyncJobContext,
  options: { owner: string; repo: string; issueNumber: number; marker: string; sentAt: Date },
): Promise<number | null> {
  const { octokit } = context.github;
  const listing = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: options.owner,
    repo: options.repo,
    issue_number: options.issueNumber,
    since: new Date(options.sentAt.getTime() - clockSlackMs).toISOString(),
    per_page: 100,
  });
  return searchGithubPages(context, listing, (raw) => {
    const found = githubCommentSchema.parse(raw);
    return found.body?.trimEnd().endsWith(options.marker) ? found.id : undefined;
  });
}

/**
 * The comment as GitHub gets it: heading, text, file links and the marker last. A text longer than
 * GitHub takes is shortened under a line linking to the report, where the whole comment is.
 */
export function fitCommentBody(parts: {
  heading: string;
  text: string;
  files: string;
  marker: string;
  reportUrl: string;
  limit?: number;
}): string {
  const compose = (text: string, notice: string | null) =>
    `${[parts.heading, notice, text, parts.files].filter(Boolean).join('\n\n')}\n\n${parts.marker}\n`;
  const limit = parts.limit ?? githubBodyLimit;
  const whole = compose(parts.text, null);
  if (whole.length <= limit) return whole;
  const notice = shortenedNotice('comment', parts.reportUrl);
  return compose(cutText(parts.text, limit - compose('', notice).length - 2), notice);
}
