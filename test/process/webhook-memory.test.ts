import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unverifiedBudgetBytes } from '../../api/github-sync/webhooks/verify-webhook-signature.ts';
import { freePort, spawnServer } from '../support/server-process.ts';
import { createTestDatabase } from '../support/test-database.ts';

// Anyone can POST to the webhook. The server runs as its own process so that its memory can be read
// while 40 strangers each send a 24 MiB body at once.

const secret = 'It is a secret to everybody';
const mebibyte = 1024 * 1024;
const senders = 40;
const body = Buffer.alloc(24 * mebibyte, 'x');

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

let url: string;
let pid: number;

beforeAll(async () => {
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  const server = spawnServer({
    ...database.env,
    PORT: String(await freePort()),
    GITHUB_WEBHOOK_SECRET: secret,
    LOG_LEVEL: 'warn',
  });
  cleanups.push(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
  });
  [, url = ''] = await server.waitFor(/Fieldtest is running at (\S+)/);
  pid = server.child.pid!;
  // The code paths warm once (a delivery stored, a few refusals), so what is measured is the refusals.
  const ping = JSON.stringify({ zen: 'warm', hook_id: 1 });
  expect((await post({ 'x-hub-signature-256': await sign(secret, ping) }, Buffer.from(ping))).status).toBe(202);
  await Promise.all(Array.from({ length: 4 }, () => post({ 'x-hub-signature-256': 'sha256=00' })));
});

/** The server's resident memory in MB, as the kernel counts it. */
async function residentMb(): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) / 1024;
}

/** The highest resident memory seen while `work` runs, sampled every 10 ms. */
async function peakDuring<T>(work: () => Promise<T>): Promise<{ result: T; before: number; peak: number }> {
  const before = await residentMb();
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await residentMb());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    const result = await work();
    // Memory freed late still counts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { result, before, peak };
  } finally {
    sampling = false;
    await sampler;
  }
}

type Answer = { status: number; retryAfter: string | undefined; ms: number };

/**
 * A delivery-shaped POST on a connection of its own, the whole body written at once. Keep-alive, as
 * a client that wants its answer: the server reads and discards what it refused rather than cutting
 * the connection under the answer.
 */
function post(headers: Record<string, string>, payload: Buffer = body): Promise<Answer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const sent = request(`${url}/api/github/webhooks`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': String(payload.length),
        'x-github-event': 'ping',
        'x-github-delivery': crypto.randomUUID(),
        ...headers,
      },
    });
    sent.on('response', (response) => {
      resolve({
        status: response.statusCode ?? 0,
        retryAfter: response.headers['retry-after'],
        ms: performance.now() - started,
      });
      response.resume();
    });
    sent.on('error', reject);
    sent.end(payload);
  }).finally(() => agent.destroy());
}

describe('webhook bodies that are not GitHub’s', () => {
  it('refuses 40 unsigned 24 MiB bodies sent at once before they arrive, its memory growing less than 100 MB', async () => {
    // Without the header, or with one that cannot be a signature: neither needs the body to be judged.
    const { result, before, peak } = await peakDuring(() =>
      Promise.all(
        Array.from({ length: senders }, (_, index) =>
          post(index % 2 ? { 'x-hub-signature-256': `sha256=${'z'.repeat(64)}` } : {}),
        ),
      ),
    );
    expect(result.map((answer) => answer.status)).toEqual(result.map(() => 401));
    // The memory bound is what shows the bodies were not read (40 of them are 960 MiB); the time
    // bound only says no refusal waited for its body, with room for a machine busy with other tests.
    expect(Math.max(...result.map((answer) => answer.ms))).toBeLessThan(5000);
    expect(peak - before).toBeLessThan(100);
  });

  it('holds no more than its budget of signed-but-wrong 24 MiB bodies at once, refusing the rest with 503', async () => {
    const wrong = { 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` };
    const { result, before, peak } = await peakDuring(() =>
      Promise.all(Array.from({ length: senders }, () => post(wrong))),
    );
    const judged = result.filter((answer) => answer.status === 401);
    const turnedAway = result.filter((answer) => answer.status === 503);
    expect(judged.length + turnedAway.length).toBe(senders);
    // Each fits the budget alone; there is never room for two.
    expect(judged.length).toBeGreaterThan(0);
    expect(turnedAway.length).toBeGreaterThan(0);
    expect(2 * body.length).toBeGreaterThan(unverifiedBudgetBytes);
    for (const answer of turnedAway) expect(answer.retryAfter).toBe('1');
    // All 40 held would be 960 MiB.
    expect(peak - before).toBeLessThan(100);
  });
});
