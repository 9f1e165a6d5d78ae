import type { Env } from '../../env.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { startPollLoop } from '../../lib/poll-loop.ts';
import { createGithubAccess } from '../client/github-access.ts';
import type { GithubClient } from '../client/github-client.ts';
import { inboundSettings } from './inbound-context.ts';
import { processPendingDeliveries } from './process-pending-deliveries.ts';
import { reconcileProgram } from './reconcile-program.ts';

export type InboundSync = { wake: () => void; stop: () => Promise<void> };

/**
 * The inbound half of the GitHub sync in this process: a loop that processes stored webhook
 * deliveries (at once on `wake()`, after the webhook route stored one, else every `pollMs`, which
 * finds deliveries stored by other processes and retries that are due), and, with credentials,
 * reconciliation of every program on start and every `env.reconcileSeconds`.
 */
export function startInboundSync(options: {
  prisma: PrismaClient;
  env: Env;
  logger: Logger;
  /** The environment's credential; a program with its own uses that (github-access.ts). */
  github: GithubClient | null;
  pollMs?: number;
  /** Off in tests that run reconciliation themselves. */
  reconcile?: boolean;
  retryDelayMs?: number;
}): InboundSync {
  const { prisma, env, github } = options;
  const logger = options.logger.child({ worker: 'inbound-sync' });
  const access = createGithubAccess({ prisma, env, fallback: github });
  const settings = { ...inboundSettings(env, github), access };
  let stopped = false;

  const deliveries = startPollLoop({
    logger,
    name: 'webhook processing',
    intervalMs: options.pollMs ?? 5000,
    step: async () =>
      (await processPendingDeliveries({ prisma, settings, logger, retryDelayMs: options.retryDelayMs })) > 0,
  });

  const reconcileAll = async () => {
    const programs = await prisma.program.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    for (const program of programs) {
      if (stopped) return;
      const github = await access.forProgram(program.id);
      if (!github) continue;
      const result = await reconcileProgram({
        prisma,
        settings: { ...settings, github },
        logger,
        programId: program.id,
      });
      if (result.kind === 'done' && (result.issues.changed || result.comments.changed)) {
        logger.info({ programId: program.id, issues: result.issues, comments: result.comments }, 'reconciled');
      }
    }
  };
  const reconciliation =
    (github || env.credentialsKey) && options.reconcile !== false
      ? startPollLoop({
          logger,
          name: 'reconciliation',
          intervalMs: env.reconcileSeconds * 1000,
          // Every program once, then nothing until the next interval.
          step: async () => {
            await reconcileAll();
            return false;
          },
        })
      : null;

  return {
    wake: deliveries.wake,
    stop: async () => {
      stopped = true;
      await Promise.all([deliveries.stop(), reconciliation?.stop()]);
    },
  };
}
