import { parseEnv } from '../../api/env.ts';
import { type BenchServer, startBenchServer } from './bench-server.ts';
import { prepareFiling } from './filing.ts';
import { fixed, measure } from './measure.ts';

/**
 * A crowd filing at once on the embedded database (a release's launch): `clients` clients, each
 * filing again as soon as it is answered, and waiting the Retry-After second when turned away. With
 * load shedding (the default limit of requests in flight) against without it (MAX_REQUESTS_IN_FLIGHT=0):
 * the wait of the filings served, and how many were turned away to keep it short.
 */
export async function benchOverload(_server: BenchServer, options: { seconds: number; clients: number }) {
  // Servers of its own, with and without shedding; the section's server stays idle.
  // The defaults, or the limits set in the environment (to try others).
  const defaults = parseEnv({
    MAX_REQUESTS_IN_FLIGHT: process.env.MAX_REQUESTS_IN_FLIGHT,
    MAX_EVENT_LOOP_DELAY_MS: process.env.MAX_EVENT_LOOP_DELAY_MS,
  });
  const measured = async (env: Record<string, string>) => {
    const target = await startBenchServer({ kind: 'pglite', dataDir: null }, { env });
    try {
      return await crowd(target, options);
    } finally {
      await target.stop(1000);
    }
  };
  const shedding = await measured({
    MAX_REQUESTS_IN_FLIGHT: String(defaults.maxRequestsInFlight),
    MAX_EVENT_LOOP_DELAY_MS: String(defaults.maxEventLoopDelayMs),
  });
  const waiting = await measured({ MAX_REQUESTS_IN_FLIGHT: '0', MAX_EVENT_LOOP_DELAY_MS: '0' });
  const line = (figures: Awaited<ReturnType<typeof crowd>>) =>
    `${fixed(figures.served.perSecond)} filed/s, p50 ${fixed(figures.served.p50)} ms, p99 ${fixed(figures.served.p99)} ms, ${figures.shed} turned away`;
  return (
    `overload        ${options.clients} clients filing on the embedded database: ` +
    `shedding (${defaults.maxRequestsInFlight} in flight, loop ${defaults.maxEventLoopDelayMs} ms late) ${line(shedding)} | ` +
    `no limit ${line(waiting)} | p99 ratio shedding/no limit ${(shedding.served.p99 / waiting.served.p99).toFixed(2)}`
  );
}

async function crowd(server: BenchServer, options: { seconds: number; clients: number }) {
  const { file } = await prepareFiling(server, { seconds: options.seconds, clients: options.clients });
  let shed = 0;
  const served = await measure(
    async (client, n) => {
      if ((await file(client, n)) !== 503) return;
      shed += 1;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return false;
    },
    { seconds: options.seconds, concurrency: options.clients },
  );
  return { served, shed };
}
