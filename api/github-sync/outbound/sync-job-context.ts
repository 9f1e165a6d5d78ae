import type { Env } from '../../env.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Logger } from '../../lib/logger.ts';
import type { GithubClient } from '../client/github-client.ts';
import type { ClaimedSyncJob } from './claim-sync-jobs.ts';
import type { JobLane } from './request-lane.ts';

/** What an outbound sync operation gets: the job it holds the lease on, and the means to act. */
export type SyncJobContext = {
  prisma: PrismaClient;
  env: Pick<Env, 'publicUrl' | 'github'>;
  logger: Logger;
  github: GithubClient;
  /** The lease owner: every write to the job is conditional on still holding it. */
  owner: string;
  job: ClaimedSyncJob;
  /** The process's one lane to GitHub: every request is sent holding it (request-lane.ts). */
  lane: JobLane;
  /** Aborted when the worker stops: short waits for a slot end, and the job is handed back. */
  signal?: AbortSignal;
};
