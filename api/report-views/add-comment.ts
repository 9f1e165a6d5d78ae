import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertReportVisible } from '../lib/report-access.ts';

/**
 * A public comment or, for staff, a team note that customers never see. Each customer writes in
 * their own thread: the reporter on the report, a co-finder on their "me too" entry, which only
 * they and staff read. Staff write on the report's thread (everyone who found the bug reads it) or
 * answer one co-finder's entry.
 */
export async function addComment(options: {
  prisma: PrismaClient;
  user: SessionUser;
  id: string;
  body: string;
  visibility: 'public' | 'team';
  coFinderEntryId: string | null;
}) {
  const { prisma, user, id, body, visibility } = options;
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
    const created = await tx.reportComment.create({
      data: { reportId: id, authorId: user.id, visibility, body, finderId },
      select: { id: true, visibility: true, body: true, createdAt: true, finderId: true },
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
    return created;
  });
  const { finderId: coFinderEntryId, ...rest } = comment;
  return { ...rest, coFinderEntryId, createdAt: comment.createdAt.toISOString() };
}
