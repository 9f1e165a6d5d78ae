import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { queueIssueUpdate } from '../github-sync/outbound/issue-update.ts';
import { environmentLabels } from '../github-sync/outbound/render-issue-body.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { claimAttachments } from '../lib/claim-attachments.ts';
import { compactEnvironment } from '../lib/report-view.ts';
import { findMyVerification, isAnswerable, type MyVerification } from './find-my-verification.ts';
import { readVerification } from './read-verification.ts';
import type { answerVerificationBody, VerificationState } from './verification.schemas.ts';

type Tx = Prisma.TransactionClient;

const notAsked = () => new AppError('not_found', { detail: 'Nobody asked you to check a fix of this report.' });

/**
 * Answers the caller's pending request to check a fix, once. The request is claimed by a
 * conditional update (status still pending), so a retried or doubled request changes nothing and
 * is told so (409). "Fixed for me" labels the issue verified, once per fix however many say it.
 * "Still broken" writes one comment for engineering with the answer's note, environment and files
 * (posted to the issue by the sync) and reopens or labels the issue as the program chose; all in
 * one transaction, so the answer and what it sets off exist together or not at all.
 *
 * The comment belongs to the answerer's own thread: the report's for its reporter, their "me too"
 * entry for a co-finder. The finder of a duplicate has no thread on the fixed report, so theirs is
 * a team comment there (staff read it, the sync still posts it): no other customer ever reads it.
 * Files stay with what the answerer found (their report or their entry), readable by them and staff.
 */
export async function answerVerification(
  options: { prisma: PrismaClient; user: SessionUser; reportId: string } & z.output<typeof answerVerificationBody>,
): Promise<VerificationState> {
  const { prisma, user, reportId, result } = options;
  await prisma.$transaction(async (tx) => {
    const { verification } = await findMyVerification(tx, user, reportId);
    if (!verification) throw notAsked();
    if (!isAnswerable(verification)) throw unanswerable(verification);
    const environment = compactEnvironment(options.environment);
    const note = options.note.trim() ? options.note : null;
    const claimed = await tx.verification.updateMany({
      where: { id: verification.id, status: 'pending' },
      data: { status: result, answeredAt: new Date(), environment, note },
    });
    // Another request (a retry, a second tab) answered it first.
    if (claimed.count !== 1) throw unanswerable({ ...verification, status: result });

    const fixed = await tx.report.findUniqueOrThrow({
      where: { id: verification.reportId },
      select: {
        programId: true,
        program: { select: { verifiedLabel: true, stillBrokenLabel: true, stillBrokenAction: true } },
      },
    });
    const home = await homeOf(tx, user, verification);
    let commentId: string | null = null;
    if (result === 'still_broken') {
      const comment = await tx.reportComment.create({
        data: {
          reportId: verification.reportId,
          authorId: user.id,
          finderId: home.threadFinderId,
          visibility: home.ownThread ? 'public' : 'team',
          purpose: 'still_broken',
          body: stillBrokenText({ build: verification.build, note, environment }),
        },
        select: { id: true },
      });
      commentId = comment.id;
      await tx.verification.update({ where: { id: verification.id }, data: { commentId }, select: { id: true } });
      await tx.syncJob.create({
        data: {
          kind: 'post_comment',
          key: `post_comment:${comment.id}`,
          programId: fixed.programId,
          reportId: verification.reportId,
          commentId: comment.id,
        },
        select: { id: true },
      });
      await queueIssueUpdate(tx, {
        programId: fixed.programId,
        reportId: verification.reportId,
        key: `still-broken:${verification.id}`,
        update:
          fixed.program.stillBrokenAction === 'reopen'
            ? { state: 'open' }
            : { addLabels: [fixed.program.stillBrokenLabel] },
      });
    } else {
      await queueIssueUpdate(tx, {
        programId: fixed.programId,
        reportId: verification.reportId,
        key: `verified:${verification.reportId}:${verification.round}`,
        update: { addLabels: [fixed.program.verifiedLabel] },
      });
    }
    await claimAttachments(tx, {
      userId: user.id,
      ids: options.attachmentIds,
      attachTo: { reportId: home.reportId, finderId: home.fileFinderId, commentId, verificationId: verification.id },
    });
    await tx.reportEvent.create({
      data: {
        reportId: verification.reportId,
        kind: 'verification_answered',
        actorId: user.id,
        data: {
          verificationId: verification.id,
          result,
          build: verification.build,
          round: verification.round,
          role: verification.role,
          source: verification.source,
          note,
        },
      },
      select: { id: true },
    });
  });
  return readVerification({ prisma, user, reportId });
}

function unanswerable(verification: Pick<MyVerification, 'status'>): AppError {
  if (verification.status === 'fixed' || verification.status === 'still_broken') {
    return new AppError('conflict', { detail: 'You already answered this request; an answer is given once.' });
  }
  return new AppError('conflict', {
    detail: 'This request has expired: the release shipped or the issue was reopened.',
  });
}

/**
 * Where the answer lives. The fixed report's reporter and co-finders write on it, in their own
 * thread. The finder of one of its duplicates keeps their files on that duplicate (their report or
 * their entry), and their comment has no thread of theirs on the fixed report.
 */
async function homeOf(tx: Tx, user: SessionUser, verification: Pick<MyVerification, 'reportId' | 'role'>) {
  const standing = { OR: [{ reporterId: user.id }, { finders: { some: { userId: user.id } } }] };
  const report =
    verification.role === 'duplicate'
      ? await tx.report.findFirst({
          where: { duplicateOfId: verification.reportId, ...standing },
          orderBy: { createdAt: 'asc' },
          select: { id: true, reporterId: true, finders: { where: { userId: user.id }, select: { id: true } } },
        })
      : await tx.report.findFirst({
          where: { id: verification.reportId, ...standing },
          select: { id: true, reporterId: true, finders: { where: { userId: user.id }, select: { id: true } } },
        });
  if (!report) {
    throw new AppError('conflict', {
      detail: 'You are no longer among the finders of this fix (the duplicate was reopened); nothing to answer.',
    });
  }
  const fileFinderId = report.reporterId === user.id ? null : (report.finders[0]?.id ?? null);
  const ownThread = verification.role !== 'duplicate';
  return { reportId: report.id, fileFinderId, ownThread, threadFinderId: ownThread ? fileFinderId : null };
}

/** The comment engineering reads: the build, the answerer's words, and their environment. */
function stillBrokenText(options: { build: string; note: string | null; environment: Record<string, unknown> }) {
  const lines = environmentLabels
    .map(([key, label]) => [label, options.environment[key]] as const)
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([label, value]) => `- ${label}: ${value}`);
  return [
    `Still broken on build ${options.build}.`,
    options.note?.trimEnd() ?? null,
    lines.length ? `Environment:\n${lines.join('\n')}` : null,
  ]
    .filter(Boolean)
    .join('\n\n');
}
