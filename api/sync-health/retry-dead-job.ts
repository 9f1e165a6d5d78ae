import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { retrySyncJob } from '../sync/retry-sync-job.ts';
import type { RetriedSyncJob } from './sync-health.schemas.ts';

/**
 * Puts a dead job (or one waiting out its back-off) back in the queue, due now with its attempts
 * reset, through the sync's own requeue. `lastError` stays, so the page still says what went wrong
 * until the next attempt. 404 for no such job; 409 when the job is done, running, or waiting
 * without having failed, with the reason.
 */
export async function retryDeadJob(options: { prisma: PrismaClient; id: string }): Promise<RetriedSyncJob> {
  const { prisma, id } = options;
  const { retried } = await retrySyncJob({ prisma, id });
  const job = await prisma.syncJob.findUnique({
    where: { id },
    select: { id: true, status: true, attempts: true, runAfter: true },
  });
  if (!job) throw new AppError('not_found', { detail: 'No such sync job.' });
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
  return { ...job, runAfter: job.runAfter.toISOString() };
}
