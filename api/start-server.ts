import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { startAttachmentPurge } from './attachments/start-attachment-purge.ts';
import { startOrphanSweep } from './attachments/start-orphan-sweep.ts';
import { answerBackupRequests } from './backup/answer-backup-requests.ts';
import { applyMigrations, readMigrationStatus } from './db/migrate.ts';
import { type DatabaseTarget, openDatabase } from './db/open-database.ts';
import type { Env } from './env.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { createGithubAccess } from './github-sync/client/github-access.ts';
import { startInboundSync } from './github-sync/inbound/start-inbound-sync.ts';
import { startSyncWorker } from './github-sync/outbound/start-sync-worker.ts';
import type { Logger } from './lib/logger.ts';
import { startMessageDelivery } from './mail/deliver-messages.ts';
import { startDueNotices } from './notices/start-due-notices.ts';
import { issueSetupLink } from './setup/issue-setup-link.ts';

export type RunningServer = {
  url: string;
  prisma: PrismaClient;
  setupLink: { url: string; expiresAt: Date } | null;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then closes the database. */
  stop: (graceMs?: number) => Promise<void>;
};

export function databaseTarget(env: Env): DatabaseTarget {
  return env.databaseUrl
    ? { kind: 'postgres', url: env.databaseUrl, poolSize: env.databasePoolSize, schema: env.databaseSchema }
    : { kind: 'pglite', dataDir: env.dataDir };
}

/** Opens the database, applies pending migrations, and serves the API and the portal. */
export async function startServer(options: {
  env: Env;
  logger: Logger;
  target?: DatabaseTarget;
}): Promise<RunningServer> {
  const { env, logger } = options;
  const target = options.target ?? databaseTarget(env);
  const database = await openDatabase(target);
  try {
    const applied = await applyMigrations({
      database,
      target,
      log: (message) => logger.debug({ engine: message }, 'schema engine'),
    });
    logger.info({ database: database.kind, applied }, applied.length ? 'migrations applied' : 'migrations current');
    const setupLink = await issueSetupLink({
      prisma: database.prisma,
      publicUrl: env.publicUrl,
      ttlMinutes: env.setupLinkTtlMinutes,
    });

    const sweep = startOrphanSweep({ prisma: database.prisma, dir: env.attachmentsDir, logger });
    const purge = startAttachmentPurge({ prisma: database.prisma, dir: env.attachmentsDir, logger });
    // `npm run backup` while the server runs: only this process may read the embedded database.
    const stopBackups =
      database.snapshot && target.kind === 'pglite' && target.dataDir
        ? answerBackupRequests({
            dataDir: target.dataDir,
            attachmentsDir: env.attachmentsDir,
            snapshot: database.snapshot,
            logger,
          })
        : async () => {};
    const delivery = env.smtpUrl
      ? startMessageDelivery({ prisma: database.prisma, smtpUrl: env.smtpUrl, from: env.mailFrom, logger })
      : null;
    const dueNotices = startDueNotices({
      prisma: database.prisma,
      settings: { publicUrl: env.publicUrl, smtpConfigured: delivery !== null },
      periodHours: env.noticeDigestHours,
      logger,
      queued: () => delivery?.wake(),
    });
    // The GitHub sync's loops, unless they run apart (`npm run worker`, SYNC_WORKER=false):
    // outbound jobs need credentials (the environment's, or programs' own sealed with
    // CREDENTIALS_KEY); webhook processing and reconciliation run with what is set.
    const access = createGithubAccess({ prisma: database.prisma, env });
    const github = access.fallback;
    const loops = env.syncWorker
      ? [
          ...(github || env.credentialsKey ? [startSyncWorker({ prisma: database.prisma, env, logger, github })] : []),
          startInboundSync({ prisma: database.prisma, env, logger, github }),
        ]
      : [];
    const sync = {
      wake: () => {
        for (const loop of loops) loop.wake();
      },
      stop: () => Promise.all(loops.map((loop) => loop.stop())),
    };
    const app = createApp({
      env,
      prisma: database.prisma,
      sql: database.sql,
      logger,
      mail: { smtpConfigured: delivery !== null, wake: () => delivery?.wake() },
      sync: { configured: github !== null, wake: sync.wake, access },
      checkReady: async () => {
        try {
          const status = await readMigrationStatus(database.prisma);
          if (status.current) return { ready: true };
          return {
            ready: false,
            detail: `Migrations not applied: ${[...status.pending, ...status.failed].join(', ')}`,
          };
        } catch (error) {
          logger.warn({ err: error }, 'readiness check failed');
          return { ready: false, detail: 'The database does not answer.' };
        }
      },
    });
    const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const url =
      env.port === 0 ? `http://${env.host.includes(':') ? `[${env.host}]` : env.host}:${port}` : env.publicUrl;

    let closing = false;
    const inFlight = new Set<ServerResponse>();
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
      if (closing) response.setHeader('connection', 'close');
      inFlight.add(response);
      response.once('close', () => inFlight.delete(response));
    });

    let stopping: Promise<void> | undefined;
    const stop = (graceMs = 10_000) => {
      stopping ??= (async () => {
        closing = true;
        // Answers still to be written close their connection, so keep-alive sockets end with them.
        for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        const timer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, graceMs);
        await closed;
        clearTimeout(timer);
        await stopBackups();
        await dueNotices.stop();
        await delivery?.stop();
        await sweep.stop();
        await purge.stop();
        // A job in hand is finished, never cut off between GitHub's answer and the commit.
        await sync.stop();
        await database.close();
      })();
      return stopping;
    };
    return { url, prisma: database.prisma, setupLink, stop };
  } catch (error) {
    await database.close();
    throw error;
  }
}
