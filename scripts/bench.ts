// `npm run bench`: authenticated requests (session lookup through the whole HTTP stack) with
// concurrent clients, against the same lookups made with plain Prisma on the same database;
// on PGlite, and on PostgreSQL when BENCH_DATABASE_URL (or the local server) answers.
// Options: BENCH_SECONDS (default 5), BENCH_CONCURRENCY (default 32).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../api/db/open-database.ts';
import { parseEnv } from '../api/env.ts';
import { createLogger } from '../api/lib/logger.ts';
import { hashToken } from '../api/lib/tokens.ts';
import { startServer } from '../api/start-server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

type Figures = { requests: number; perSecond: number; p50: number; p99: number };

async function measure(operation: () => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await operation();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

async function postgresTarget(): Promise<{ target: DatabaseTarget; drop: () => Promise<void> } | null> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return null;
  }
  await client.end();
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  return {
    target: { kind: 'postgres', url: postgresUrl, poolSize: 10, schema },
    drop: async () => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

async function run(name: string, target: DatabaseTarget) {
  const env = parseEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
  const server = await startServer({ env, logger: createLogger('silent'), target });
  try {
    const user = await server.prisma.user.create({
      data: { email: 'bench@example.test', name: 'Bench', role: 'engineer' },
      select: { id: true },
    });
    const token = randomBytes(32).toString('base64url');
    await server.prisma.session.create({
      data: { id: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const url = `${server.url}/api/auth/me`;
    const headers = { cookie: `ft_session=${token}` };
    await measure(async () => void (await fetch(url, { headers })).arrayBuffer()); // warm-up
    const api = await measure(async () => {
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`GET /api/auth/me answered ${response.status}`);
      await response.arrayBuffer();
    });
    // findFirst, not findUnique: Prisma batches findUnique calls made in one tick into one query,
    // which requests arriving one by one never get.
    const raw = await measure(async () => {
      await server.prisma.session.findFirst({
        where: { id: hashToken(token) },
        select: { expiresAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
      });
    });
    const f = (n: number) => n.toFixed(1);
    console.log(
      `${name.padEnd(10)} GET /api/auth/me: ${f(api.perSecond)} req/s, p50 ${f(api.p50)} ms, p99 ${f(api.p99)} ms | ` +
        `raw Prisma lookup: ${f(raw.perSecond)} /s, p50 ${f(raw.p50)} ms, p99 ${f(raw.p99)} ms | ratio API/raw ${(api.perSecond / raw.perSecond).toFixed(2)}`,
    );
  } finally {
    await server.stop(1000);
  }
}

console.log(`Authenticated requests, ${concurrency} concurrent clients, ${seconds} s each`);
await run('pglite', { kind: 'pglite', dataDir: null });
const postgres = await postgresTarget();
if (postgres) {
  try {
    await run('postgres', postgres.target);
  } finally {
    await postgres.drop();
  }
} else {
  console.log(`postgres   skipped: nothing answers at ${postgresUrl} (set BENCH_DATABASE_URL)`);
}
