import { connect, type Socket } from 'node:net';
import { type Figures, summarize } from './measure.ts';

/**
 * A load generator lean enough to share two cores with the server it measures: keep-alive
 * HTTP/1.1 connections over plain sockets, each request written as one prebuilt buffer, answers
 * read by status line and Content-Length. `fetch` spends about as much CPU per request as a small
 * handler does, which on this machine would be measuring the client.
 */

export type LoadRequest = { head: string; body: Buffer };
export type Answer = { status: number; body: string };

const maxConnections = 256;

type Connection = { send: (request: LoadRequest) => Promise<Answer>; close: () => void; open: () => boolean };

async function openConnection(url: URL): Promise<Connection> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host: url.hostname, port: Number(url.port), noDelay: true }, () => resolve(s));
    s.once('error', reject);
  });
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: { resolve: (answer: Answer) => void; reject: (error: Error) => void } | null = null;
  const fail = (error: Error) => {
    const pending = waiting;
    waiting = null;
    pending?.reject(error);
  };
  socket.on('error', fail);
  let open = true;
  socket.on('close', () => {
    open = false;
    fail(new Error('connection closed by the server'));
  });
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const headEnd = buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = buffered.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return fail(new Error(`an answer without Content-Length:\n${head}`));
    const end = headEnd + 4 + Number(length[1]);
    if (buffered.length < end) return;
    const answer = { status: Number(head.slice(9, 12)), body: buffered.toString('utf8', headEnd + 4, end) };
    buffered = buffered.subarray(end);
    const pending = waiting;
    waiting = null;
    pending?.resolve(answer);
  });
  return {
    send: (request) =>
      new Promise<Answer>((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(
          Buffer.concat([Buffer.from(`${request.head}content-length: ${request.body.length}\r\n\r\n`), request.body]),
        );
      }),
    close: () => socket.destroy(),
    open: () => open,
  };
}

/** The request head for `path` (ends with the header lines; Content-Length and the blank line are added). */
export function requestHead(url: URL, method: string, path: string, headers: Record<string, string>): string {
  const lines = Object.entries({ host: url.host, connection: 'keep-alive', ...headers }).map(
    ([k, v]) => `${k}: ${v}\r\n`,
  );
  return `${method} ${path} HTTP/1.1\r\n${lines.join('')}`;
}

/**
 * Closed loop: `concurrency` connections each send their next request as soon as the previous one
 * is answered, for `seconds`. Measures the most the server accepts.
 */
export async function saturate(
  url: URL,
  next: (connection: number, n: number) => LoadRequest,
  check: (answer: Answer) => void,
  options: { seconds: number; concurrency: number },
): Promise<Figures> {
  const connections = await Promise.all(Array.from({ length: options.concurrency }, () => openConnection(url)));
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  try {
    await Promise.all(
      connections.map(async (connection, index) => {
        for (let n = 0; performance.now() < deadline; n++) {
          const request = next(index, n);
          const t0 = performance.now();
          check(await connection.send(request));
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  return summarize(latencies, (performance.now() - started) / 1000);
}

/**
 * Open loop: requests are due at a fixed `rate` whatever the server does, as GitHub's deliveries
 * are; each is sent on a free connection (a new one opens when all are busy, up to 256). A request's
 * latency counts from when it was due (or sent, if the timer let it go a little early), not from
 * when a connection was free, so a stalled server is not hidden by the client waiting for it
 * (coordinated omission). `clientLagP99` is how late the client itself sent, for judging the figures.
 * The first failure ends the run.
 */
export async function offer(
  url: URL,
  next: (n: number) => LoadRequest,
  check: (answer: Answer) => void,
  options: { seconds: number; rate: number },
): Promise<Figures & { connections: number; clientLagP99: number }> {
  const idle: Connection[] = await Promise.all(Array.from({ length: 8 }, () => openConnection(url)));
  const all = [...idle];
  const latencies: number[] = [];
  const lags: number[] = [];
  const total = Math.round(options.seconds * options.rate);
  const interval = 1000 / options.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const freed: ((connection: Connection | null) => void)[] = [];
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
    // A connection idle longer than the server's keep-alive timeout has been closed by it.
    let connection = idle.pop();
    while (connection && !connection.open()) connection = idle.pop();
    if (!connection && all.filter((c) => c.open()).length < maxConnections) {
      connection = await openConnection(url);
      all.push(connection);
    }
    // All connections busy: the request waits for one (its latency still counts from when it was due).
    const taken = connection ?? (await new Promise<Connection | null>((resolve) => freed.push(resolve)));
    if (!taken) break;
    const sent = performance.now();
    lags.push(sent - due);
    const from = Math.min(due, sent);
    inFlight.push(
      taken
        .send(next(n))
        .then((answer) => {
          check(answer);
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
  for (const connection of all) connection.close();
  if (failure) throw failure;
  return { ...summarize(latencies, elapsed), connections: all.length, clientLagP99: summarize(lags, elapsed).p99 };
}
