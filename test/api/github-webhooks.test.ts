import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unverifiedBudgetBytes } from '../../api/github-sync/webhooks/verify-webhook-signature.ts';
import {
  createProgramWithRelease,
  type InboundWorld,
  issuePayload,
  otherRepo,
  postIssueWebhook,
  postWebhook,
  previousWebhookSecret,
  programRepo,
  settle,
  startInboundWorld,
  waitForDeliveries,
  webhookSecret,
} from '../support/github-inbound-fixtures.ts';
import { readProblem } from '../support/problem.ts';
import { startTestServer } from '../support/test-server.ts';

// The webhook route as GitHub meets it: signed JSON in, 202 out at once, the delivery stored once.

let world: InboundWorld;
let url: string;

beforeAll(async () => {
  world = await startInboundWorld();
  url = world.webhookUrl;
  await createProgramWithRelease(world.server);
});
afterAll(() => world?.stop());

const delivery = (id: string) =>
  world.server.prisma.webhookDelivery.findUniqueOrThrow({
    where: { id },
    select: { event: true, action: true, repo: true, issueNumber: true, status: true, outcome: true, attempts: true },
  });

const pingPayload = { zen: 'Keep it logically awesome.', hook_id: 1, repository: { full_name: programRepo } };

describe('POST /api/github/webhooks', () => {
  it('accepts a delivery signed with the current secret, stores it and answers 202', async () => {
    const { id, response } = await postWebhook(url, { event: 'ping', payload: pingPayload });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ delivery: id, status: 'ignored' });
    expect(await delivery(id)).toMatchObject({ event: 'ping', repo: programRepo, status: 'ignored' });
  });

  it('accepts the previous secret during a rotation', async () => {
    const { id, response } = await postWebhook(url, {
      event: 'ping',
      payload: pingPayload,
      secret: previousWebhookSecret,
    });
    expect(response.status).toBe(202);
    expect(await delivery(id)).toMatchObject({ event: 'ping' });
  });

  it('refuses a delivery without a signature with 401, and stores nothing', async () => {
    const { id, response } = await postWebhook(url, { event: 'ping', payload: pingPayload, secret: null });
    expect(response.status).toBe(401);
    expect((await readProblem(response)).detail).toMatch(/missing/);
    expect(await world.server.prisma.webhookDelivery.count({ where: { id } })).toBe(0);
  });

  it('refuses a wrong signature, or one by an unknown secret, with 401', async () => {
    const wrong = await postWebhook(url, { event: 'ping', payload: pingPayload, secret: 'not our secret' });
    expect(wrong.response.status).toBe(401);
    expect((await readProblem(wrong.response)).detail).toMatch(/does not match/);
    const garbled = await postWebhook(url, { event: 'ping', payload: pingPayload, signature: 'sha256=00' });
    expect(garbled.response.status).toBe(401);
    expect((await readProblem(garbled.response)).detail).toMatch(/malformed/);
    expect(await world.server.prisma.webhookDelivery.count({ where: { id: { in: [wrong.id, garbled.id] } } })).toBe(0);
  });

  it('checks the signature over the raw bytes: the same JSON serialised differently does not match', async () => {
    const { sign } = await import('@octokit/webhooks-methods');
    const compact = JSON.stringify(pingPayload);
    const spaced = JSON.stringify(pingPayload, null, 2);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': crypto.randomUUID(),
        'x-hub-signature-256': await sign('It is a secret to everybody', compact),
      },
      body: spaced,
    });
    expect(response.status).toBe(401);
  });

  it('answers a replayed delivery with 202 and changes nothing', async () => {
    const payload = { action: 'created', repository: { full_name: programRepo }, zen: 'first' };
    const first = await postWebhook(url, { event: 'star', payload });
    expect(await first.response.json()).toMatchObject({ status: 'ignored' });
    const before = await delivery(first.id);
    const replay = await postWebhook(url, { event: 'star', payload: { ...payload, zen: 'second' }, id: first.id });
    expect(replay.response.status).toBe(202);
    expect(await replay.response.json()).toEqual({ delivery: first.id, status: 'duplicate' });
    expect(await delivery(first.id)).toEqual(before);
    const stored = await world.server.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: first.id },
      select: { payload: true },
    });
    expect(stored.payload).toMatchObject({ zen: 'first' });
  });

  it('stores unknown events as ignored, with the reason', async () => {
    const { id } = await postWebhook(url, { event: 'fork', payload: { repository: { full_name: programRepo } } });
    expect(await delivery(id)).toMatchObject({ status: 'ignored', outcome: 'event fork is not synced' });
  });

  it('ignores issues of a repository no program uses, after processing', async () => {
    const issue = await world.emulator.control.openIssue(otherRepo, { login: 'octocat', title: 'Elsewhere' });
    await settle(world);
    const rows = await world.server.prisma.webhookDelivery.findMany({
      where: { repo: otherRepo, issueNumber: issue.number },
      select: { status: true, outcome: true },
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ status: 'ignored', outcome: `no program uses ${otherRepo}` });
    expect(await world.server.prisma.report.count({ where: { issueRepo: otherRepo } })).toBe(0);
  });

  it('records the event, action, repository and issue number of an issues delivery', async () => {
    const issue = await world.emulator.control.openIssue(programRepo, { login: 'octocat', title: 'Crash on print' });
    await settle(world);
    const rows = await world.server.prisma.webhookDelivery.findMany({
      where: { repo: programRepo, issueNumber: issue.number, event: 'issues' },
      select: { action: true, status: true },
    });
    expect(rows).toEqual([{ action: 'opened', status: 'processed' }]);
  });

  it('takes payloads larger than the 1 MiB limit of other routes', async () => {
    const payload = { ...pingPayload, padding: 'x'.repeat(3 * 1024 * 1024) };
    const { response } = await postWebhook(url, { event: 'ping', payload });
    expect(response.status).toBe(202);
  });

  it('stores a payload whose text escapes a NUL character, which jsonb cannot hold', async () => {
    const { id, response } = await postWebhook(url, { event: 'ping', payload: { ...pingPayload, zen: 'a\u0000b' } });
    expect(response.status).toBe(202);
    expect(await delivery(id)).toMatchObject({ event: 'ping' });
  });

  it('stores a payload with a surrogate escape cut from its pair, which jsonb cannot hold either', async () => {
    const { id, response } = await postWebhook(url, { event: 'ping', payload: { ...pingPayload, zen: 'cut \ud83d' } });
    expect(response.status).toBe(202);
    const row = await world.server.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id },
      select: { payload: true },
    });
    expect(row.payload).toMatchObject({ zen: 'cut \ufffd' });
  });

  it('answers deliveries arriving together each with its own outcome, a redelivery among them as a replay', async () => {
    const ids = Array.from({ length: 40 }, () => randomUUID());
    // Each delivery twice at once, as when GitHub redelivers one still on its way.
    const answers = await Promise.all(
      [...ids, ...ids].map(async (id) => {
        const { response } = await postWebhook(url, { event: 'ping', payload: pingPayload, id });
        return { id, status: response.status, body: (await response.json()) as { status: string } };
      }),
    );
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    for (const id of ids) {
      const outcomes = answers.filter((answer) => answer.id === id).map((answer) => answer.body.status);
      expect(outcomes.sort()).toEqual(['duplicate', 'ignored']);
    }
    expect(await world.server.prisma.webhookDelivery.count({ where: { id: { in: ids } } })).toBe(ids.length);
  });

  it('refuses with 400 a payload the database cannot store, and still stores the deliveries sent with it', async () => {
    // Valid JSON, nested deeper than jsonb's parser can follow.
    const deep = `{"zen":"deep","hook_id":1,"nested":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const good = Array.from({ length: 20 }, () => randomUUID());
    const [refused, ...stored] = await Promise.all([
      postWebhook(url, { event: 'ping', payload: null, body: deep }),
      ...good.map((id) => postWebhook(url, { event: 'ping', payload: pingPayload, id })),
    ]);
    const problem = await readProblem(refused!.response);
    expect(refused!.response.status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'payload', message: expect.any(String) }]);
    expect(await world.server.prisma.webhookDelivery.count({ where: { id: refused!.id } })).toBe(0);
    expect(stored.map((item) => item.response.status)).toEqual(good.map(() => 202));
    expect(await world.server.prisma.webhookDelivery.count({ where: { id: { in: good } } })).toBe(good.length);
  });

  it('applies an issue state posted as a webhook, and drops an older one posted after it', async () => {
    const issue = await world.emulator.control.openIssue(programRepo, { login: 'octocat', title: 'Posted by hand' });
    await settle(world);
    const later = new Date(Date.parse(issue.updated_at) + 60_000);
    const earlier = new Date(Date.parse(issue.updated_at) + 30_000);
    const base = { number: issue.number, id: Number(issue.id), title: issue.title, login: 'octocat' };
    await postIssueWebhook(url, 'labeled', issuePayload({ ...base, state: 'open', labels: ['P0'], updatedAt: later }));
    await postIssueWebhook(url, 'closed', issuePayload({ ...base, state: 'closed', updatedAt: earlier }));
    await waitForDeliveries(world);
    const report = await world.server.prisma.report.findUniqueOrThrow({
      where: { issueRepo_issueNumber: { issueRepo: programRepo, issueNumber: issue.number } },
      select: { status: true, priority: true },
    });
    expect(report).toEqual({ status: 'triaged', priority: 'P0' });
  });

  it('answers 400 to a signed delivery without X-GitHub-Delivery', async () => {
    const { sign } = await import('@octokit/webhooks-methods');
    const body = JSON.stringify(pingPayload);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-hub-signature-256': await sign('It is a secret to everybody', body),
      },
      body,
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.[0]?.field).toBe('x-github-delivery');
  });
});

/**
 * A POST whose body is written piece by piece, for tests about what the server does before the body
 * has arrived. `length` is the Content-Length declared; without it the body goes chunked.
 */
function openDelivery(headers: Record<string, string>, length?: number) {
  const sent = request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': randomUUID(),
      ...(length === undefined ? {} : { 'content-length': String(length) }),
      ...headers,
    },
  });
  // A refused body is cut off; the client's writes after that fail, and that is expected.
  sent.on('error', () => {});
  const response = new Promise<{ status: number; retryAfter: string | undefined; text: string }>((resolve) => {
    sent.on('response', (answer) => {
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        text += chunk;
      });
      answer.on('end', () =>
        resolve({ status: answer.statusCode ?? 0, retryAfter: answer.headers['retry-after'], text }),
      );
    });
  });
  sent.flushHeaders();
  return { sent, response };
}

describe('reading the body', () => {
  const mebibyte = 1024 * 1024;

  it('refuses a delivery without a signature, or with a malformed one, before its body has arrived', async () => {
    const unsigned: Record<string, string>[] = [
      {},
      { 'x-hub-signature-256': 'sha1=0123456789abcdef0123456789abcdef01234567' },
    ];
    for (const headers of unsigned) {
      const { sent, response } = openDelivery(headers, 10 * mebibyte);
      sent.write('{"zen":"the rest never comes"');
      const answer = await response;
      expect(answer.status).toBe(401);
      sent.destroy();
    }
  });

  it('refuses with 503 and Retry-After a body that does not fit beside one being read, and reads the next once that one is judged', async () => {
    const big = 24 * mebibyte;
    expect(2 * big).toBeGreaterThan(unverifiedBudgetBytes);
    const holder = openDelivery({ 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` }, big);
    holder.sent.write(' '.repeat(mebibyte));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const second = openDelivery({ 'x-hub-signature-256': `sha256=${'cd'.repeat(32)}` }, big);
    second.sent.write('{');
    const refused = await second.response;
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1');
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'unavailable' });
    second.sent.destroy();

    // The first one arrives in full and is judged: its bytes leave the budget.
    holder.sent.end(' '.repeat(big - mebibyte));
    expect((await holder.response).status).toBe(401);
    const third = openDelivery({ 'x-hub-signature-256': `sha256=${'ef'.repeat(32)}` }, big);
    third.sent.end(' '.repeat(big));
    expect((await third.response).status).toBe(401);
  });

  it('checks the signature of a body sent in chunks without a declared length', async () => {
    const body = JSON.stringify(pingPayload);
    const { sent, response } = openDelivery({ 'x-hub-signature-256': await sign(webhookSecret, body) });
    for (let at = 0; at < body.length; at += 7) sent.write(body.slice(at, at + 7));
    sent.end();
    expect((await response).status).toBe(202);
  });
});

describe('without a webhook secret', () => {
  it('answers 503: deliveries cannot be verified', async () => {
    const server = await startTestServer();
    try {
      const { response } = await postWebhook(`${server.url}/api/github/webhooks`, {
        event: 'ping',
        payload: pingPayload,
      });
      expect(response.status).toBe(503);
      expect((await readProblem(response)).detail).toMatch(/GITHUB_WEBHOOK_SECRET/);
    } finally {
      await server.stop();
    }
  });
});
