import type { Env } from '../env.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createGithubAccess } from '../github/github-access.ts';
import type { GithubClient } from '../github/github-client.ts';
import type { Logger } from '../lib/logger.ts';
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

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let again = false;
  const drain = async () => {
    do {
      again = false;
      while (
        !stopped &&
        (await processPendingDeliveries({ prisma, settings, logger, retryDelayMs: options.retryDelayMs })) > 0
      ) {}
    } while (again && !stopped);
  };
  const tick = () => {
    if (stopped) return;
    clearTimeout(timer);
    if (current) {
      again = true;
      return;
    }
    current = drain()
      .catch((error: unknown) => logger.error({ err: error }, 'webhook processing loop failed'))
      .finally(() => {
        current = undefined;
        if (!stopped) timer = setTimeout(tick, options.pollMs ?? 5000);
      });
  };

  let reconcileTimer: NodeJS.Timeout | undefined;
  let reconciling: Promise<void> | undefined;
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
  const reconcileTick = () => {
    if (stopped) return;
    reconciling = reconcileAll()
      .catch((error: unknown) => logger.error({ err: error }, 'reconciliation loop failed'))
      .finally(() => {
        reconciling = undefined;
        if (!stopped) reconcileTimer = setTimeout(reconcileTick, env.reconcileSeconds * 1000);
      });
  };

  tick();
  if ((github || env.credentialsKey) && options.reconcile !== false) reconcileTick();
  return {
    wake: tick,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(reconcileTimer);
      await Promise.all([current, reconciling]);
    },
  };
}
