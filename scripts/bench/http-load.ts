import { connect, type Socket } from 'node:net';
import { type Figures, measure } from './measure.ts';
import { openLoop } from './open-loop.ts';

/**
 * A load generator lean enough to share two cores with the server it measures: keep-alive
 * HTTP/1.1 connections over plain sockets, each request written as one prebuilt buffer, answers
 * read by status line and Content-Length. `fetch` spends about as much CPU per request as a small
 * handler does, which on this machine would be measuring the client.
 */

export type LoadRequest = { head: string; body: Buffer };
export type Answer = { status: number; body: string };

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
  try {
    return await measure(async (index, n) => check(await connections[index]!.send(next(index, n))), options);
  } finally {
    for (const connection of connections) connection.close();
  }
}

/** Open loop (see open-loop.ts) over keep-alive connections, up to 256. */
export function offer(
  url: URL,
  next: (n: number) => LoadRequest,
  check: (answer: Answer) => void,
  options: { seconds: number; rate: number },
) {
  return openLoop(
    {
      open: () => openConnection(url),
      alive: (connection) => connection.open(),
      close: (connection) => connection.close(),
      initial: 8,
      max: 256,
    },
    async (connection, n) => check(await connection.send(next(n))),
    options,
  );
}
