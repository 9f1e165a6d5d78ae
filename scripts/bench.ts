// `npm run bench`: request benchmarks through the real HTTP server, each beside a reference
// measured on the same database, on PGlite and on PostgreSQL (BENCH_DATABASE_URL, default the
// local server). Options: BENCH_SECONDS (default 5), BENCH_CONCURRENCY (default 32),
// BENCH_REPORTS (reports seeded for the list benchmark, default 100000), BENCH_ONLY (a section),
// BENCH_OVERLOAD_CLIENTS (clients filing at once in the overload section, default 200),
// BENCH_STATS_REPORTS / BENCH_STATS_CLUSTERS / BENCH_STATS_RELEASES (the statistics program, default
// 1000000 reports in 200000 clusters over 5 releases; PostgreSQL only).
import type { DatabaseTarget } from '../api/db/open-database.ts';
import { postgresTarget, startBenchServer } from './bench/bench-server.ts';
import { benchFiling } from './bench/filing.ts';
import { benchOverload } from './bench/overload.ts';
import { benchReportList } from './bench/report-list.ts';
import { benchSessionLookup } from './bench/session-lookup.ts';
import { benchStats } from './bench/stats.ts';
import { benchSyncDrain } from './bench/sync-drain.ts';
import { benchWebhookIntake } from './bench/webhook-intake.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const reports = Number(process.env.BENCH_REPORTS ?? 100_000);
const only = process.env.BENCH_ONLY;
const statsProgram = {
  reports: Number(process.env.BENCH_STATS_REPORTS ?? 1_000_000),
  clusters: Number(process.env.BENCH_STATS_CLUSTERS ?? 200_000),
  releases: Number(process.env.BENCH_STATS_RELEASES ?? 5),
};
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

type Server = Awaited<ReturnType<typeof startBenchServer>>;
const sections: Record<string, (server: Server) => Promise<string>> = {
  session: (server) => benchSessionLookup(server, { seconds, concurrency }),
  filing: (server) => benchFiling(server, { seconds, concurrency }),
  list: (server) => benchReportList(server, { count: reports }),
  drain: (server) => benchSyncDrain(server, { reports: 1000, timeScale: Number(process.env.BENCH_TIME_SCALE ?? 60) }),
  intake: (server) => benchWebhookIntake(server, { seconds, concurrency }),
  stats: (server) => benchStats(server, statsProgram),
  overload: (server) => benchOverload(server, { seconds, clients: Number(process.env.BENCH_OVERLOAD_CLIENTS ?? 200) }),
};
// The statistics goal (p95 < 200 ms at a million reports) is PostgreSQL's; PGlite in memory is not
// meant for that size.
const postgresOnly = new Set(['stats']);
// Load shedding is the embedded database's default (PostgreSQL has no limit unless one is set).
const pgliteOnly = new Set(['overload']);

async function run(name: string, target: DatabaseTarget) {
  console.log(`\n== ${name}`);
  for (const [section, bench] of Object.entries(sections)) {
    if (only && only !== section) continue;
    if (target.kind !== 'postgres' && postgresOnly.has(section)) {
      console.log(`${section.padEnd(16)}skipped: measured on PostgreSQL only`);
      continue;
    }
    if (target.kind === 'postgres' && pgliteOnly.has(section)) {
      console.log(`${section.padEnd(16)}skipped: measured on the embedded database only`);
      continue;
    }
    const server = await startBenchServer(target);
    try {
      console.log(await bench(server));
    } finally {
      await server.stop(1000);
    }
  }
}

console.log(`Fieldtest benchmarks: ${concurrency} concurrent clients, ${seconds} s per measurement`);
await run('pglite (in memory)', { kind: 'pglite', dataDir: null });
const postgres = await postgresTarget(postgresUrl);
if (postgres) {
  try {
    await run(`postgres (${new URL(postgresUrl).host})`, postgres.target);
  } finally {
    await postgres.drop();
  }
} else {
  console.log(`\n== postgres skipped: nothing answers at ${postgresUrl} (set BENCH_DATABASE_URL)`);
}
