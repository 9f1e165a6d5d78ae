import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertReportVisible } from '../lib/report-access.ts';

/** A public comment (the reporter sees it) or, for staff, a team note that customers never see. */
export async function addComment(options: {
  prisma: PrismaClient;
  user: SessionUser;
  id: string;
  body: string;
  visibility: 'public' | 'team';
}) {
  const { prisma, user, id, body, visibility } = options;
  const { programId } = await assertReportVisible(prisma, user, id);
  if (visibility === 'team' && user.role === 'mvp') {
    throw new AppError('validation', {
      fields: [{ field: 'visibility', message: 'Team notes are for staff; write a public comment' }],
    });
  }
  const comment = await prisma.$transaction(async (tx) => {
    const created = await tx.reportComment.create({
      data: { reportId: id, authorId: user.id, visibility, body },
      select: { id: true, visibility: true, body: true, createdAt: true },
    });
    // A public comment goes to the GitHub issue too, through a sync job committed with it;
    // team notes never leave Fieldtest.
    if (visibility === 'public') {
      await tx.syncJob.create({
        data: {
          kind: 'post_comment',
          key: `post_comment:${created.id}`,
          programId,
          reportId: id,
          commentId: created.id,
        },
        select: { id: true },
      });
    }
    return created;
  });
  return { ...comment, createdAt: comment.createdAt.toISOString() };
}
