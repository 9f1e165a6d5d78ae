import type { PrismaClient } from '../generated/prisma/client.ts';
import { queueIssueUpdate } from '../github-sync/outbound/issue-update.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { claimAttachments } from '../lib/claim-attachments.ts';
import { assertReportVisible } from '../lib/report-access.ts';
import { attachmentSummarySelect } from '../lib/report-view.ts';

/**
 * A public comment or, for staff, a team note that customers never see. Each customer writes in
 * their own thread: the reporter on the report, a co-finder on their "me too" entry, which only
 * they and staff read. Staff write on the report's thread (everyone who found the bug reads it) or
 * answer one co-finder's entry.
 *
 * A public comment may bring files (added after filing): they join the report, or the co-finder's
 * entry, and the GitHub comment links to them. While engineering waits for information (status
 * needs_info) a finder's comment is their answer: the GitHub comment says so, and when the program
 * chooses, the needs-info label is taken off the issue, which tells engineering it can look again.
 */
export async function addComment(options: {
  prisma: PrismaClient;
  user: SessionUser;
  id: string;
  body: string;
  visibility: 'public' | 'team';
  coFinderEntryId: string | null;
  attachmentIds: string[];
}) {
  const { prisma, user, id, body, visibility, attachmentIds } = options;
  const access = await assertReportVisible(prisma, user, id);
  if (visibility === 'team' && user.role === 'mvp') {
    throw new AppError('validation', {
      fields: [{ field: 'visibility', message: 'Team notes are for staff; write a public comment' }],
    });
  }
  let finderId: string | null = null;
  if (access.view === 'co-finder') finderId = access.finderId;
  if (options.coFinderEntryId !== null) {
    const entry =
      access.view === 'staff'
        ? await prisma.reportFinder.findFirst({
            where: { id: options.coFinderEntryId, reportId: id },
            select: { id: true },
          })
        : null;
    // A customer's comment always goes to their own thread; naming another entry is refused alike.
    if (!entry && options.coFinderEntryId !== finderId) {
      throw new AppError('validation', {
        fields: [{ field: 'coFinderEntryId', message: 'Not a co-finder entry of this report you may answer' }],
      });
    }
    finderId = options.coFinderEntryId;
  }
  const comment = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Report" where id = ${id}::uuid for no key update`;
    const report = await tx.report.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        reporterId: true,
        issueLabels: true,
        program: { select: { needsInfoLabels: true, clearNeedsInfoOnAnswer: true } },
      },
    });
    const finder = access.view !== 'staff' || report.reporterId === user.id;
    const answer = visibility === 'public' && report.status === 'needs_info' && finder;
    const created = await tx.reportComment.create({
      data: { reportId: id, authorId: user.id, visibility, body, finderId, purpose: answer ? 'answer' : 'comment' },
      select: { id: true, visibility: true, body: true, createdAt: true, finderId: true, purpose: true },
    });
    await claimAttachments(tx, {
      userId: user.id,
      ids: attachmentIds,
      attachTo: { reportId: id, finderId, commentId: created.id },
    });
    // A public comment goes to the GitHub issue too, through a sync job committed with it;
    // team notes never leave Fieldtest.
    if (visibility === 'public') {
      await tx.syncJob.create({
        data: {
          kind: 'post_comment',
          key: `post_comment:${created.id}`,
          programId: access.programId,
          reportId: id,
          commentId: created.id,
        },
        select: { id: true },
      });
    }
    if (answer && report.program.clearNeedsInfoOnAnswer) {
      const wanted = new Set(report.program.needsInfoLabels.map((label) => label.toLowerCase()));
      const present = report.issueLabels.filter((label) => wanted.has(label.toLowerCase()));
      if (present.length) {
        await queueIssueUpdate(tx, {
          programId: access.programId,
          reportId: id,
          key: `answer:${created.id}`,
          update: { removeLabels: present },
        });
      }
    }
    const attachments = await tx.attachment.findMany({
      where: { commentId: created.id },
      select: attachmentSummarySelect,
      orderBy: { createdAt: 'asc' },
    });
    return { ...created, attachments };
  });
  const { finderId: coFinderEntryId, ...rest } = comment;
  return { ...rest, coFinderEntryId, createdAt: comment.createdAt.toISOString() };
}
