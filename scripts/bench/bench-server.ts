import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type DatabaseTarget, openDatabase } from '../../api/db/open-database.ts';
import { parseEnv } from '../../api/env.ts';
import type { Role } from '../../api/generated/prisma/enums.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { hashToken } from '../../api/lib/tokens.ts';
import { type RunningServer, startServer } from '../../api/start-server.ts';

export type BenchServer = Pick<RunningServer, 'url' | 'prisma' | 'stop'> & {
  /** The database it serves: a section needing servers with settings of its own stops this one and starts them there. */
  target: DatabaseTarget;
  /** A session cookie for a new user of the role, made directly in the database. */
  sessionFor: (role: Role, userId?: string) => Promise<{ cookie: string; userId: string }>;
};

/**
 * The real server with logging off over the target database. On PostgreSQL it runs as its own
 * process, as in production, so the load generator does not share its event loop; the bench
 * keeps a Prisma client of its own on the same schema. PGlite can only be opened by one process,
 * so there the server runs inside the bench.
 */
export async function startBenchServer(
  target: DatabaseTarget,
  options: { env?: Record<string, string> } = {},
): Promise<BenchServer> {
  // `env`: extra settings for the server (e.g. GITHUB_API_URL, GITHUB_TIME_SCALE, SYNC_WORKER).
  const extra = options.env ?? {};
  const server =
    target.kind === 'postgres' ? await spawnBenchServer(target, extra) : await inProcessServer(target, extra);
  let users = 0;
  // Stopping twice is fine (a section may stop the server early; the bench stops it again after).
  let stopping: Promise<void> | undefined;
  return {
    ...server,
    target,
    stop: (graceMs?: number) => {
      stopping ??= server.stop(graceMs);
      return stopping;
    },
    sessionFor: async (role, existing) => {
      users += 1;
      const userId =
        existing ??
        (
          await server.prisma.user.create({
            data: {
              email: `bench-${role}-${users}-${randomBytes(3).toString('hex')}@example.test`,
              name: `Bench ${users}`,
              role,
            },
            select: { id: true },
          })
        ).id;
      const token = randomBytes(32).toString('base64url');
      await server.prisma.session.create({
        data: { id: hashToken(token), userId, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      return { cookie: `ft_session=${token}`, userId };
    },
  };
}

/** A fresh schema on the PostgreSQL server, or null when nothing answers there. */
export async function postgresTarget(
  url: string,
): Promise<{ target: DatabaseTarget; drop: () => Promise<void> } | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return null;
  }
  await client.end();
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  return {
    target: { kind: 'postgres', url, poolSize: 20, schema },
    drop: async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

async function inProcessServer(target: DatabaseTarget, extra: Record<string, string>) {
  // The load generator shares the embedded database's event loop: its own work is no overload to
  // shed (the overload section sets the limits it measures).
  const env = parseEnv({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    ...extra,
  });
  return startServer({ env, logger: createLogger(env.logLevel), target });
}

async function spawnBenchServer(target: Extract<DatabaseTarget, { kind: 'postgres' }>, extra: Record<string, string>) {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const url = new URL(target.url);
  if (target.schema) url.searchParams.set('schema', target.schema);
  // BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof) profiles the server process.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'api/main.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      DATABASE_URL: url.toString(),
      // The same pool as the reference's client, so both sides get as many connections.
      DATABASE_POOL_SIZE: String(target.poolSize),
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const deadline = Date.now() + 60_000;
  while (!/Fieldtest is running/.test(stderr)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bench server did not start:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Migrations are applied by the server; this client only reads and writes rows.
  const database = await openDatabase(target);
  return {
    url: `http://127.0.0.1:${port}`,
    prisma: database.prisma,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await database.close();
    },
  };
}
