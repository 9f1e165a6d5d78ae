import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../../api/db/open-database.ts';
import { parseEnv } from '../../api/env.ts';
import type { Role } from '../../api/generated/prisma/enums.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { hashToken } from '../../api/lib/tokens.ts';
import { type RunningServer, startServer } from '../../api/start-server.ts';

export type BenchServer = RunningServer & {
  /** A session cookie for a new user of the role, made directly in the database. */
  sessionFor: (role: Role, userId?: string) => Promise<{ cookie: string; userId: string }>;
};

/** The real server on a free port, with logging off, over the target database. */
export async function startBenchServer(target: DatabaseTarget, env: Record<string, string> = {}): Promise<BenchServer> {
  const parsed = parseEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...env });
  const server = await startServer({ env: parsed, logger: createLogger('silent'), target });
  let users = 0;
  return {
    ...server,
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
