import { withJitter } from '../../lib/backoff.ts';
import { afterFailedAttempt } from '../../lib/leased-queue.ts';
import type { GithubFailure } from '../client/classify-github-error.ts';
import { hourMs, minuteMs, scaled } from '../client/sync-timing.ts';
import { createIssueForReport } from './create-issue-for-report.ts';
import { GithubCallError, LeaseLost, SlotWait } from './github-call.ts';
import { postComment } from './post-comment.ts';
import type { SyncJobContext } from './sync-job-context.ts';
import { updateIssue } from './update-issue.ts';

/** Permanent refusals (gone, rejected) end as dead letters after this many attempts. */
export const maxPermanentAttempts = 3;
/** Transient failures end as dead letters only after this many attempts and `deadAfterMs`. */
export const maxTransientAttempts = 12;
const deadAfterMs = 24 * hourMs;

export type SyncJobOutcome =
  | { kind: 'done' }
  | { kind: 'waiting'; waitMs: number; reason: string }
  | { kind: 'retrying'; waitMs: number; reason: string }
  | { kind: 'dead'; reason: string }
  | { kind: 'lost' };

/**
 * Runs one claimed job and settles it: done; handed back to wait (pacing, a block, an issue not
 * yet created: no attempt counted); retried later with back-off (attempt counted); or a dead
 * letter with its reason. A transient failure becomes a dead letter only after many attempts
 * and a long time, so an outage of an hour loses nothing.
 */
export async function processSyncJob(context: SyncJobContext): Promise<SyncJobOutcome> {
  const { job } = context;
  try {
    const ended =
      job.kind === 'create_issue'
        ? await createIssueForReport(context)
        : job.kind === 'post_comment'
          ? await postComment(context)
          : await updateIssue(context);
    // Linking an issue or a comment ends the job with it; only a job with nothing left to do ends here.
    if (!ended) {
      await context.prisma.syncJob.updateMany({
        where: { id: job.id, leaseOwner: context.owner, status: 'running' },
        data: { status: 'done', doneAt: new Date(), leaseOwner: null, leaseUntil: null },
      });
    }
    return { kind: 'done' };
  } catch (error) {
    if (error instanceof LeaseLost) {
      context.logger.warn({ jobId: job.id }, 'sync job taken over by another process');
      return { kind: 'lost' };
    }
    if (error instanceof SlotWait) return release(context, error.waitMs, error.reason);
    if (error instanceof GithubCallError) return settleFailure(context, error);
    // Our own fault or an answer we cannot read: retried with back-off like an unknown outcome
    // (a create answered with something unreadable may have happened: firstSentAt stays).
    const reason = `internal error: ${(error as Error)?.message ?? String(error)}`;
    context.logger.error({ err: error, jobId: job.id }, 'sync job failed');
    return retryOrBury(context, { kind: 'unknown_outcome', reason }, null);
  }
}

/** Hands a claimed job back to wait, no attempt counted. */
export async function release(
  context: Pick<SyncJobContext, 'prisma' | 'owner' | 'job'>,
  waitMs: number,
  reason: string,
): Promise<SyncJobOutcome> {
  const { job } = context;
  await context.prisma.syncJob.updateMany({
    where: { id: job.id, leaseOwner: context.owner, status: 'running' },
    data: { status: 'pending', runAfter: new Date(Date.now() + waitMs), leaseOwner: null, leaseUntil: null },
  });
  return { kind: 'waiting', waitMs, reason };
}

async function settleFailure(context: SyncJobContext, error: GithubCallError): Promise<SyncJobOutcome> {
  const { failure, blockedUntil } = error;
  const { job } = context;
  context.logger.warn(
    { jobId: job.id, kind: job.kind, failure: failure.kind, reason: failure.reason },
    'GitHub refused a sync job',
  );
  if (failure.kind === 'rate_limited') {
    // Nothing happened on GitHub and it is not the job's fault: wait, no attempt counted.
    const waitMs = Math.max(0, (blockedUntil?.getTime() ?? Date.now()) - Date.now());
    await context.prisma.syncJob.updateMany({
      where: { id: job.id, leaseOwner: context.owner, status: 'running' },
      data: {
        status: 'pending',
        runAfter: new Date(Date.now() + withJitter(waitMs, 0.1)),
        leaseOwner: null,
        leaseUntil: null,
        lastError: failure.reason.slice(0, 500),
        lastErrorAt: new Date(),
      },
    });
    return { kind: 'waiting', waitMs, reason: failure.reason };
  }
  return retryOrBury(context, failure, blockedUntil);
}

async function retryOrBury(
  context: SyncJobContext,
  failure: Pick<GithubFailure, 'kind' | 'reason'>,
  blockedUntil: Date | null,
): Promise<SyncJobOutcome> {
  const { job, prisma } = context;
  const { pacing } = context.env.github;
  const attempts = job.attempts + 1;
  const permanent = failure.kind === 'gone' || failure.kind === 'rejected';
  const now = new Date();
  const retry = afterFailedAttempt({
    attempts,
    maxAttempts: permanent ? maxPermanentAttempts : maxTransientAttempts,
    baseMs: scaled(10_000, pacing),
    capMs: scaled(30 * minuteMs, pacing),
    now,
  });
  const failingSince = job.firstSentAt ?? job.createdAt;
  const dead = retry.last && (permanent || now.getTime() - failingSince.getTime() > scaled(deadAfterMs, pacing));
  const reason = failure.reason.slice(0, 500);
  const waitMs = Math.max(retry.nextAttemptAt.getTime(), blockedUntil?.getTime() ?? 0) - now.getTime();
  await prisma.syncJob.updateMany({
    where: { id: job.id, leaseOwner: context.owner, status: 'running' },
    data: {
      status: dead ? 'dead' : 'pending',
      attempts,
      runAfter: new Date(now.getTime() + (dead ? 0 : waitMs)),
      leaseOwner: null,
      leaseUntil: null,
      lastError: reason,
      lastErrorAt: now,
    },
  });
  if (dead) {
    context.logger.error(
      { jobId: job.id, kind: job.kind, reportId: job.reportId, reason },
      'sync job is a dead letter',
    );
    return { kind: 'dead', reason };
  }
  return { kind: 'retrying', waitMs, reason };
}
