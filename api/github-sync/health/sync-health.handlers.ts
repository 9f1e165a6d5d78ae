import type { AppRouteHandler } from '../../lib/app-context.ts';
import { assertProgramAccess, assertSyncJobAccess } from '../../lib/program-access.ts';
import { readGithubCredential } from '../credentials/read-github-credential.ts';
import { readSyncHealth } from './read-sync-health.ts';
import { retryDeadJob } from './retry-dead-job.ts';
import type { readSyncHealthRoute, retrySyncJobRoute } from './sync-health.routes.ts';

export const readSyncHealthHandler: AppRouteHandler<typeof readSyncHealthRoute> = async (c) => {
  const { prisma, env, sync } = c.var.deps;
  const programId = c.req.valid('param').id;
  await assertProgramAccess(prisma, c.var.user, programId);
  const [client, summary] = await Promise.all([
    sync.access.forProgram(programId),
    readGithubCredential({ prisma, env, programId }),
  ]);
  const health = await readSyncHealth({
    prisma,
    github: env.github,
    credential: { configured: client !== null, kind: summary.kind ?? 'none', rateKey: client?.rateKey ?? null },
    programId,
  });
  return c.json(health, 200);
};

export const retrySyncJobHandler: AppRouteHandler<typeof retrySyncJobRoute> = async (c) => {
  const { prisma, sync } = c.var.deps;
  await assertSyncJobAccess(prisma, c.var.user, c.req.valid('param').id);
  const job = await retryDeadJob({ prisma, actor: c.var.user, id: c.req.valid('param').id });
  c.var.logger.info({ jobId: job.id, by: c.var.user.id }, 'sync job retried');
  // This process's workers take it at once; workers elsewhere find it when they next poll.
  sync.wake();
  return c.json(job, 200);
};
