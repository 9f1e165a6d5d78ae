import { type Figures, summarize } from './measure.ts';

/** Where requests go: connections opened as needed (`initial` at first, `max` at most). */
export type Lanes<Lane> = {
  open: () => Promise<Lane>;
  /** A connection idle longer than the server's keep-alive timeout may have been closed by it. */
  alive: (lane: Lane) => boolean;
  close: (lane: Lane) => void;
  initial: number;
  max: number;
};

/**
 * Open loop: requests are due at a fixed `rate` whatever the server does, as GitHub's deliveries
 * are; each goes on a free lane (a new one opens when all are busy, up to `max`). A request's
 * latency counts from when it was due (or sent, if the timer let it go a little early), not from
 * when a lane was free, so a stalled server is not hidden by the client waiting for it
 * (coordinated omission). `clientLagP99` is how late the client itself sent, for judging the figures.
 * The first failure ends the run.
 */
export async function openLoop<Lane>(
  lanes: Lanes<Lane>,
  run: (lane: Lane, n: number) => Promise<void>,
  options: { seconds: number; rate: number },
): Promise<Figures & { connections: number; clientLagP99: number }> {
  const idle: Lane[] = await Promise.all(Array.from({ length: lanes.initial }, () => lanes.open()));
  const all = [...idle];
  const latencies: number[] = [];
  const lags: number[] = [];
  const total = Math.round(options.seconds * options.rate);
  const interval = 1000 / options.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const freed: ((lane: Lane | null) => void)[] = [];
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    for (const waiter of freed.splice(0)) waiter(null);
  };
  for (let n = 0; n < total && !failure; n++) {
    const due = started + n * interval;
    const wait = due - performance.now();
    // Timers fire late by up to a millisecond or so; requests that fall due meanwhile go together.
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    let lane = idle.pop();
    while (lane !== undefined && !lanes.alive(lane)) lane = idle.pop();
    if (lane === undefined && all.filter(lanes.alive).length < lanes.max) {
      lane = await lanes.open();
      all.push(lane);
    }
    // All lanes busy: the request waits for one (its latency still counts from when it was due).
    const taken = lane ?? (await new Promise<Lane | null>((resolve) => freed.push(resolve)));
    if (taken === null) break;
    const sent = performance.now();
    lags.push(sent - due);
    const from = Math.min(due, sent);
    inFlight.push(
      run(taken, n)
        .then(() => {
          latencies.push(performance.now() - from);
          const waiter = freed.shift();
          if (waiter) waiter(taken);
          else idle.push(taken);
        })
        .catch(fail),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  for (const lane of all) lanes.close(lane);
  if (failure) throw failure;
  return { ...summarize(latencies, elapsed), connections: all.length, clientLagP99: summarize(lags, elapsed).p99 };
}
