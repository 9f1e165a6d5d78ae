import { findCommentMarker, type GithubComment } from '../github/github.schemas.ts';
import type { InboundSettings, Tx } from './inbound-context.ts';
import { linkDuplicate } from './link-duplicate.ts';
import { notifyReporter } from './notify-reporter.ts';

export type CommentOutcome = 'created' | 'updated' | 'deleted' | 'linked' | 'unchanged';

/**
 * A comment written on the report's issue: created ones appear on the reporter's timeline as public
 * comments (and the reporter is told, once, since the GitHub comment id is unique); edits update
 * the text; deletions remove it. Fieldtest's own comments (a portal comment posted to GitHub carries
 * our marker) are linked to the portal comment instead of being copied back.
 */
export async function applyGithubComment(options: {
  tx: Tx;
  reportId: string;
  action: 'created' | 'edited' | 'deleted';
  comment: GithubComment;
  settings: InboundSettings;
}): Promise<CommentOutcome> {
  const { tx, reportId, action, comment, settings } = options;
  const githubCommentId = BigInt(comment.id);
  const existing = await tx.reportComment.findUnique({
    where: { githubCommentId },
    select: { id: true, body: true, authorLogin: true },
  });

  if (action === 'deleted') {
    if (!existing) return 'unchanged';
    // Our own comment deleted on GitHub: the portal comment is the reporter's and stays, unlinked.
    if (existing.authorLogin === null) {
      await tx.reportComment.update({
        where: { id: existing.id },
        data: { githubCommentId: null },
        select: { id: true },
      });
    } else {
      await tx.reportComment.delete({ where: { id: existing.id }, select: { id: true } });
    }
    return 'deleted';
  }

  const body = comment.body ?? '';
  const portalCommentId = findCommentMarker(body);
  if (portalCommentId) {
    if (existing) return 'unchanged';
    const linked = await tx.reportComment.updateMany({
      where: { id: portalCommentId, reportId, githubCommentId: null },
      data: { githubCommentId },
    });
    return linked.count ? 'linked' : 'unchanged';
  }

  if (existing) {
    if (existing.body === body) return 'unchanged';
    await tx.reportComment.update({
      where: { id: existing.id },
      data: { body, updatedAt: new Date(comment.updated_at) },
      select: { id: true },
    });
    await linkDuplicate({ tx, reportId, settings });
    return 'updated';
  }

  const login = comment.user?.login ?? 'ghost';
  const report = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { reporterId: true } });
  const author = await tx.mvpProfile.findFirst({
    where: { githubLogin: { equals: login, mode: 'insensitive' } },
    select: { userId: true },
  });
  // Webhook and reconciliation may bring the same comment at once: the unique GitHub id decides.
  const [created] = await tx.reportComment.createManyAndReturn({
    data: [
      {
        reportId,
        authorId: author?.userId ?? null,
        authorLogin: login,
        visibility: 'public',
        body,
        githubCommentId,
        createdAt: new Date(comment.created_at),
        updatedAt: new Date(comment.updated_at),
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created) return 'unchanged';
  await tx.reportEvent.create({
    data: {
      reportId,
      kind: 'comment',
      data: { commentId: created.id, login, githubCommentId: comment.id.toString(), url: comment.html_url },
      createdAt: new Date(comment.created_at),
    },
    select: { id: true },
  });
  // The reporter's own words (a linked GitHub account) need no e-mail about them.
  if (report.reporterId && author?.userId !== report.reporterId) {
    await notifyReporter(tx, { settings, reportId, notice: { kind: 'needs_info', comment: { author: login, body } } });
  }
  await linkDuplicate({ tx, reportId, settings });
  return 'created';
}
