export type Figures = { count: number; perSecond: number; p50: number; p99: number };

/**
 * Runs `operation` from `concurrency` loops for `seconds`, and reports throughput and latency. An
 * operation that answers `false` (a request turned away) is left out of the figures.
 */
export async function measure(
  operation: (worker: number, iteration: number) => Promise<unknown>,
  options: { seconds: number; concurrency: number },
): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let iteration = 0; performance.now() < deadline; iteration++) {
        const t0 = performance.now();
        if ((await operation(worker, iteration)) !== false) latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000);
}

/** Throughput and percentiles of the latencies (ms) gathered over `elapsed` seconds. */
export function summarize(latencies: number[], elapsed: number): Figures {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/** Percentiles of a fixed number of sequential runs (for single heavy requests). */
export async function sample(operation: () => Promise<void>, runs: number): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    await operation();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

export const fixed = (n: number) => n.toFixed(1);

export function describe(figures: Figures, unit = 'req/s'): string {
  return `${fixed(figures.perSecond)} ${unit}, p50 ${fixed(figures.p50)} ms, p99 ${fixed(figures.p99)} ms`;
}
