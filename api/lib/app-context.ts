import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Sql } from '../db/sql.ts';
import type { Env } from '../env.ts';
import type { PrismaClient, Role } from '../generated/prisma/client.ts';
import type { GithubAccess } from '../github-sync/client/github-access.ts';
import type { Logger } from './logger.ts';

export type Deps = {
  env: Env;
  prisma: PrismaClient;
  /** Driver-level statements, for webhook intake only (see db/sql.ts). */
  sql: Sql;
  logger: Logger;
  /** Whether mail goes out through SMTP (else it is held in the outbox), and a nudge to send now. */
  mail: { smtpConfigured: boolean; wake: () => void };
  /**
   * The GitHub sync: whether the environment's credentials are configured, a nudge for this
   * process's workers after a transaction queued work (workers elsewhere find it by polling), and
   * which client speaks for a program (its own credential, else the environment's).
   */
  sync: { configured: boolean; wake: () => void; access: GithubAccess };
  /** Whether the database answers and its migrations are current; used by /api/ready. */
  checkReady: () => Promise<{ ready: boolean; detail?: string }>;
};

export type SessionUser = { id: string; email: string; name: string; role: Role };

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    logger: Logger;
    clientIp: string;
    user: SessionUser | null;
    sessionId: string | null;
    /**
     * Set by a route whose callers keep their connections (GitHub's deliveries): a body it refused
     * unread is drained rather than the connection closed, so the caller always reads the answer.
     */
    keepConnection?: boolean;
  };
};

// Route middleware (requireRole) narrows the context, e.g. to a non-null user.
type MiddlewareEnv<R extends RouteConfig> = R['middleware'] extends readonly MiddlewareHandler<infer E>[] ? E : object;

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, MiddlewareEnv<R> & AppEnv>;
