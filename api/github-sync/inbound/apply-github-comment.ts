import { likeLiteral } from '../../lib/like-pattern.ts';
import { notifyFinders } from '../../notices/notify-finders.ts';
import { findCommentMarker, type GithubComment } from '../client/github.schemas.ts';
import { isRelayedComment } from './comment-trust.ts';
import { notAfterNow } from './github-time.ts';
import type { InboundSettings, Tx } from './inbound-context.ts';
import { linkDuplicate } from './link-duplicate.ts';
import type { Reads } from './read-before-apply.ts';

export type CommentOutcome = 'created' | 'updated' | 'deleted' | 'linked' | 'unchanged';

/**
 * A comment written on the report's issue. One by engineering (the repository's owner, members and
 * collaborators, or a login the program lists in `githubCommenters`) appears on the reporter's
 * timeline as a public comment, and the reporter is told, once, since the GitHub comment id is
 * unique. Anyone else's (a passer-by on a public repository) is kept as a team note: staff read it,
 * the reporter neither sees it nor hears of it. Edits update the text and judge the author again;
 * deletions remove it. Fieldtest's own comments (a portal comment posted to GitHub carries our
 * marker) are linked to the portal comment instead of being copied back.
 */
export async function applyGithubComment(options: {
  tx: Tx;
  reportId: string;
  action: 'created' | 'edited' | 'deleted';
  comment: GithubComment;
  settings: InboundSettings;
  /** What was read from GitHub before the transaction (read-before-apply.ts). */
  reads: Reads;
}): Promise<CommentOutcome> {
  const { tx, reportId, action, comment, settings, reads } = options;
  const githubCommentId = BigInt(comment.id);
  const existing = await tx.reportComment.findUnique({
    where: { githubCommentId },
    select: { id: true, body: true, authorLogin: true, visibility: true, authorAssociation: true },
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

  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { reporterId: true, createdAt: true, program: { select: { githubCommenters: true } } },
  });
  const relayed = isRelayedComment(comment, report.program.githubCommenters);
  const visibility: 'public' | 'team' = relayed ? 'public' : 'team';
  const authorAssociation = comment.author_association ?? null;

  if (existing) {
    // A portal comment whose marker was edited away on GitHub keeps the standing it had in the portal.
    const fromGithub = existing.authorLogin !== null;
    const judged = fromGithub ? { visibility, authorAssociation } : {};
    if (
      existing.body === body &&
      (!fromGithub || (existing.visibility === visibility && existing.authorAssociation === authorAssociation))
    ) {
      return 'unchanged';
    }
    await tx.reportComment.update({
      where: { id: existing.id },
      data: { body, updatedAt: notAfterNow(comment.updated_at), ...judged },
      select: { id: true },
    });
    await linkDuplicate({ tx, reportId, settings, reads });
    return 'updated';
  }

  const login = comment.user?.login ?? 'ghost';
  const author = await tx.mvpProfile.findFirst({
    where: { githubLogin: { equals: likeLiteral(login), mode: 'insensitive' } },
    select: { userId: true },
  });
  // Webhook and reconciliation may bring the same comment at once: the unique GitHub id decides.
  const [created] = await tx.reportComment.createManyAndReturn({
    data: [
      {
        reportId,
        authorId: author?.userId ?? null,
        authorLogin: login,
        authorAssociation,
        visibility,
        body,
        githubCommentId,
        createdAt: notAfterNow(comment.created_at, report.createdAt),
        updatedAt: notAfterNow(comment.updated_at, report.createdAt),
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
      createdAt: notAfterNow(comment.created_at, report.createdAt),
    },
    select: { id: true },
  });
  // The reporter's own words (a linked GitHub account) need no e-mail about them.
  if (relayed) {
    await notifyFinders(tx, {
      settings,
      reportId,
      except: author?.userId ?? null,
      notice: { kind: 'comment', comment: { author: login, body } },
    });
  }
  await linkDuplicate({ tx, reportId, settings, reads });
  return 'created';
}
