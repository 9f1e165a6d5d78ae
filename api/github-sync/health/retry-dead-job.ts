import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { SessionUser } from '../../lib/app-context.ts';
import { AppError } from '../../lib/app-error.ts';
import { recordAudit } from '../../lib/record-audit.ts';
import { retrySyncJob } from '../outbound/retry-sync-job.ts';
import type { RetriedSyncJob } from './sync-health.schemas.ts';

/**
 * Puts a dead job (or one waiting out its back-off) back in the queue, due now with its attempts
 * reset, through the sync's own requeue. `lastError` stays, so the page still says what went wrong
 * until the next attempt. 404 for no such job; 409 when the job is done, running, or waiting
 * without having failed, with the reason. The requeue and its audit entry commit together.
 */
export async function retryDeadJob(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  id: string;
}): Promise<RetriedSyncJob> {
  const { prisma, id } = options;
  return prisma.$transaction(async (tx) => {
    const before = await tx.syncJob.findUnique({ where: { id }, select: { status: true, attempts: true } });
    const { retried } = await retrySyncJob({ prisma: tx, id });
    const job = await tx.syncJob.findUnique({
      where: { id },
      select: { id: true, programId: true, kind: true, status: true, attempts: true, runAfter: true },
    });
    if (!job || !before) throw new AppError('not_found', { detail: 'No such sync job.' });
    if (!retried) {
      throw new AppError('conflict', {
        detail:
          job.status === 'done'
            ? 'This job is done: there is nothing to retry.'
            : job.status === 'running'
              ? 'This job is running now.'
              : 'This job has not failed: it is waiting for its turn.',
      });
    }
    await recordAudit(tx, {
      actor: options.actor,
      action: 'sync.dead_letter_retried',
      programId: job.programId,
      subjectType: 'sync_job',
      subjectId: id,
      before: { kind: job.kind, status: before.status, attempts: before.attempts },
      after: { kind: job.kind, status: job.status, attempts: job.attempts },
    });
    return { id: job.id, status: job.status, attempts: job.attempts, runAfter: job.runAfter.toISOString() };
  });
}
