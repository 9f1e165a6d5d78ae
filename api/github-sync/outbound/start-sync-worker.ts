import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Env } from '../../env.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { startPollLoop } from '../../lib/poll-loop.ts';
import { createGithubAccess } from '../client/github-access.ts';
import type { GithubClient } from '../client/github-client.ts';
import { scaled } from '../client/sync-timing.ts';
import { type ClaimedSyncJob, claimSyncJobs } from './claim-sync-jobs.ts';
import { processSyncJob, release } from './process-sync-job.ts';
import { RequestLane } from './request-lane.ts';

/**
 * The outbound sync loop of one process: claims due jobs a few at a time, reporters taking turns
 * (claim-sync-jobs.ts), and works them in that order, one request to GitHub at a time (the
 * process's request lane; writes are paced through the database for every process). While one
 * job's request is out, the next reads what it needs, so the database work between two writes does
 * not hold up the pace. Polls every second (divided by the time scale); `wake()` looks at once,
 * after a request queued work. `stop()` finishes the jobs in hand and hands the rest back.
 */
export function startSyncWorker(options: {
  prisma: PrismaClient;
  env: Pick<Env, 'publicUrl' | 'github' | 'credentialsKey'>;
  logger: Logger;
  /** The environment's credential; a program with its own uses that (github-access.ts). */
  github: GithubClient | null;
  /** Names this process in leases; unique per start unless given. */
  owner?: string;
  batch?: number;
  leaseMs?: number;
  intervalMs?: number;
}): { wake: () => void; stop: () => Promise<void> } {
  const { prisma, env } = options;
  const access = createGithubAccess({ prisma, env, fallback: options.github });
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const logger = options.logger.child({ worker: 'sync', owner });
  const intervalMs = options.intervalMs ?? Math.max(50, scaled(1000, env.github.pacing));
  // Long enough for any one job (a few requests, each bounded by the timeout) plus waits for its
  // write slot; a lease that ran out means the process died, not that it is slow.
  const leaseMs = options.leaseMs ?? Math.max(60_000, env.github.requestTimeoutMs * 4);
  const stopping = new AbortController();

  const handBack = async (jobs: ClaimedSyncJob[]) => {
    await prisma.syncJob.updateMany({
      where: { id: { in: jobs.map((job) => job.id) }, leaseOwner: owner, status: 'running' },
      data: { status: 'pending', leaseOwner: null, leaseUntil: null },
    });
  };

  const lane = new RequestLane();
  // The job started last, possibly still out at GitHub while the next batch is claimed; settles
  // with its failure (a database error while settling it), if any.
  let inHand: Promise<unknown> | null = null;

  // Runs a job with its own handle on the lane; settles when it ends, with the failure it threw.
  const startJob = (job: ClaimedSyncJob, github: GithubClient) => {
    const jobLane = lane.forJob();
    const ended = processSyncJob({ prisma, env, logger, github, owner, job, lane: jobLane, signal: stopping.signal })
      .then(
        () => undefined,
        (error: unknown) => error ?? new Error('sync job failed'),
      )
      .finally(jobLane.letGo);
    return { ended, holding: Promise.race([jobLane.held, ended]) };
  };

  const loop = startPollLoop({
    logger,
    name: 'sync',
    intervalMs,
    // Jobs handed back to wait are not due again yet, so this ends when nothing is due.
    step: async () => {
      // Eight at a time: a claim ranks the whole due queue (turns), so claiming often costs more
      // than it gives; someone filing later still goes out within eight writes.
      const claimed = await claimSyncJobs({ prisma, owner, limit: options.batch ?? 8, leaseMs });
      const running = inHand ? [inHand] : [];
      for (const [index, job] of claimed.entries()) {
        if (stopping.signal.aborted) {
          await handBack(claimed.slice(index));
          break;
        }
        const github = await access.forProgram(job.programId);
        if (!github) {
          // Connected again when a credential is entered: looked at each minute till then.
          await release({ prisma, owner, job }, scaled(60_000, env.github.pacing), 'no GitHub credential');
          continue;
        }
        // Two jobs in hand at most: the next one starts once this one holds the lane (it waits
        // for its slot, or its request is out) or has ended, and queues behind it.
        const started = startJob(job, github);
        running.push(started.ended);
        await started.holding;
      }
      const more = claimed.length > 0 && !stopping.signal.aborted;
      // Going on, the last job's request may still be out while the next batch is claimed.
      inHand = more ? (running.pop() ?? null) : null;
      const failure = (await Promise.all(running)).find((error) => error !== undefined);
      if (failure) throw failure;
      return more;
    },
  });
  return {
    wake: loop.wake,
    stop: async () => {
      // The jobs in hand see the signal (a wait for a slot ends), the rest are handed back.
      stopping.abort();
      await loop.stop();
      const failure = await inHand;
      if (failure) logger.error({ err: failure }, 'sync job failed');
    },
  };
}
