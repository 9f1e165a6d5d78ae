import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { queueIssueUpdate } from '../github-sync/outbound/issue-update.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { isUniqueViolation } from '../lib/unique-violation.ts';
import { findRescueCandidates } from './find-rescue-candidates.ts';
import type { RescueRequestView } from './rescue.schemas.ts';
import { rescueCommentBody } from './rescue-comment.ts';

const alreadySent = (at: Date) =>
  new AppError('conflict', {
    detail: `This cluster was already sent back to engineering on ${at.toISOString().slice(0, 10)}; it is sent once.`,
  });

/**
 * Sends a cluster on the Rescue list back to engineering, once: in one transaction the summary
 * comment (a team note in the portal, posted to the issue by the sync since its purpose is `rescue`),
 * the program's rescue label queued for the issue, the request with the evidence as it stands, and a
 * `rescue_requested` event, which customers' timelines leave out. The cluster must be on the list
 * now (findRescueCandidates), else 409; the report row is locked first, so two leads pressing at
 * once get one request and one 409 (the unique report id backs that up).
 */
export async function requestRescue(options: {
  prisma: PrismaClient;
  user: SessionUser;
  reportId: string;
}): Promise<RescueRequestView> {
  const { prisma, user, reportId } = options;
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`select id from "Report" where id = ${reportId}::uuid for no key update`;
      const report = await tx.report.findUnique({
        where: { id: reportId },
        select: {
          programId: true,
          duplicateOfId: true,
          status: true,
          priority: true,
          issueDeletedAt: true,
          rescue: { select: { requestedAt: true } },
          program: { select: { rescueLabel: true, rescueThreshold: true, rescueWindowDays: true } },
        },
      });
      if (!report) throw new AppError('not_found', { detail: 'No such report.' });
      if (report.rescue) throw alreadySent(report.rescue.requestedAt);
      assertRescuable(report);
      await tx.$executeRaw`set local jit = off`;
      const now = new Date();
      const [candidate] = await findRescueCandidates(tx, { programId: report.programId, now, reportId });
      if (!candidate) {
        throw new AppError('conflict', {
          detail:
            `Fewer than ${report.program.rescueThreshold} customers reproduced this within the last ` +
            `${report.program.rescueWindowDays} days, so it is not on the Rescue list.`,
        });
      }
      const { evidence } = candidate;
      const comment = await tx.reportComment.create({
        data: {
          reportId,
          authorId: user.id,
          visibility: 'team',
          purpose: 'rescue',
          body: rescueCommentBody(evidence, report.status),
        },
        select: { id: true },
      });
      await tx.syncJob.create({
        data: {
          kind: 'post_comment',
          key: `post_comment:${comment.id}`,
          programId: report.programId,
          reportId,
          commentId: comment.id,
        },
        select: { id: true },
      });
      const rescue = await tx.rescueRequest.create({
        data: {
          reportId,
          requestedById: user.id,
          evidence: evidence as unknown as Prisma.InputJsonObject,
          statusBefore: report.status,
          commentId: comment.id,
          requestedAt: now,
        },
        select: { id: true },
      });
      await queueIssueUpdate(tx, {
        programId: report.programId,
        reportId,
        key: `rescue:${rescue.id}`,
        update: { addLabels: [report.program.rescueLabel] },
      });
      await tx.reportEvent.create({
        data: {
          reportId,
          kind: 'rescue_requested',
          actorId: user.id,
          data: { rescueId: rescue.id, customers: evidence.customers, reproductions: evidence.reproductions },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor: user,
        action: 'rescue.sent',
        programId: report.programId,
        subjectType: 'report',
        subjectId: reportId,
        before: { status: report.status },
        after: { rescueId: rescue.id, customers: evidence.customers, reproductions: evidence.reproductions },
      });
      return {
        id: rescue.id,
        canonicalId: candidate.canonicalId,
        title: candidate.title,
        releaseId: candidate.releaseId,
        releaseVersion: candidate.releaseVersion,
        status: candidate.status,
        priority: candidate.priority,
        issueUrl: candidate.issueUrl,
        requestedAt: now.toISOString(),
        requestedBy: user.name,
        statusBefore: report.status,
        evidence,
        commentPosted: false,
        prioritisedAt: null,
      };
    });
  } catch (error) {
    // Another request got there between the lock and the insert (it cannot, but the key decides).
    if (isUniqueViolation(error)) throw new AppError('conflict', { detail: 'This cluster was already sent back.' });
    throw error;
  }
}

/** Why a report cannot be sent back whatever its reproductions, in words a lead can act on. */
function assertRescuable(report: {
  duplicateOfId: string | null;
  status: string;
  priority: string | null;
  issueDeletedAt: Date | null;
}) {
  if (report.duplicateOfId)
    throw new AppError('conflict', {
      detail: 'This report is a duplicate: send back the report its cluster carries on in.',
    });
  if (report.issueDeletedAt)
    throw new AppError('conflict', { detail: 'The GitHub issue was deleted; there is nothing to send back.' });
  const open = report.status === 'synced' || report.status === 'needs_info';
  if (report.status !== 'not_planned' && !(open && report.priority === null))
    throw new AppError('conflict', {
      detail:
        report.status === 'new'
          ? 'The report is not on GitHub yet.'
          : 'Only a cluster closed as not planned, or open without a priority, can be sent back.',
    });
}
