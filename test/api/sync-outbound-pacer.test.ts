import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../api/generated/prisma/client.ts';
import { allowGithubRead } from '../../api/github-sync/client/allow-github-read.ts';
import { recordGithubFailure } from '../../api/github-sync/client/record-github-failure.ts';
import { recordGithubSuccess } from '../../api/github-sync/client/record-github-success.ts';
import { takeWriteSlot } from '../../api/github-sync/client/take-write-slot.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// The shared pacer on the database alone, with the clock given: budgets, spacing and blocks.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SYNC_WORKER: 'false' });
});
afterAll(() => server?.stop());

const pacing = { contentPerMinute: 3, contentPerHour: 5, writeSpacingMs: 0, limitedWaitSeconds: 60, timeScale: 1 };
const t0 = new Date('2026-05-01T10:00:00.000Z').getTime();
const at = (ms: number) => new Date(t0 + ms);
const newKey = () => `test ${randomBytes(6).toString('hex')}`;

describe('takeWriteSlot', () => {
  it('keeps content creation within the per-minute and per-hour budgets', async () => {
    const rateKey = newKey();
    const slot = (ms: number, content = true) =>
      takeWriteSlot({ prisma: server.prisma, rateKey, content, pacing, now: at(ms) });
    expect(await slot(0)).toMatchObject({ ok: true, nextContentAt: at(0) });
    expect(await slot(10)).toMatchObject({ ok: true, nextContentAt: at(10) });
    // The third fills the minute: the grant says when the next content write can go.
    expect(await slot(20)).toMatchObject({ ok: true, nextWriteAt: at(20), nextContentAt: at(61_000) });
    const refused = await slot(30);
    expect(refused).toMatchObject({ ok: false, reason: 'content budget per minute used up' });
    // The first write leaves the window (with its slack) a minute after it was sent.
    if (refused.ok) throw new Error('unreachable');
    expect(refused.waitMs).toBeGreaterThanOrEqual(60_000 - 30);
    expect(refused.waitMs).toBeLessThanOrEqual(61_000 - 30);
    // Writes that create no content are not counted.
    expect(await slot(40, false)).toMatchObject({ ok: true });
    expect(await slot(61_100)).toMatchObject({ ok: true });
    expect(await slot(61_200)).toMatchObject({ ok: true });
    expect(await slot(125_000)).toMatchObject({ ok: false, reason: 'content budget per hour used up' });
    expect(await slot(3_600_000 + 40_000)).toMatchObject({ ok: true });
  });

  it('counts a content write in the windows from its answer, which comes after GitHub counted it', async () => {
    const rateKey = newKey();
    const slot = (ms: number) => takeWriteSlot({ prisma: server.prisma, rateKey, content: true, pacing, now: at(ms) });
    const first = await slot(0);
    if (!first.ok) throw new Error('the first slot was refused');
    // A slow request: answered 5 s after it left.
    await recordGithubSuccess({ prisma: server.prisma, rateKey, now: at(5000), answeredWriteId: first.writeId });
    expect(await slot(1000)).toMatchObject({ ok: true });
    expect(await slot(2000)).toMatchObject({ ok: true });
    // Counted from its departure it would have left the minute (with its second of slack) at 61 s,
    // and a third write would go now; counted from its answer, it is still in the window.
    const refused = await slot(61_500);
    expect(refused).toMatchObject({ ok: false, reason: 'content budget per minute used up' });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.waitMs).toBe(500);
    expect(await slot(62_001)).toMatchObject({ ok: true });
    // A failed write is timed by its answer too.
    const failed = await slot(300_000);
    if (!failed.ok) throw new Error('refused');
    await recordGithubFailure({
      prisma: server.prisma,
      rateKey,
      failure: { kind: 'unknown_outcome', reason: 'timeout' },
      pacing,
      now: at(310_000),
      answeredWriteId: failed.writeId,
    });
    const written = await server.prisma.githubWrite.findUnique({
      where: { id: BigInt(failed.writeId) },
      select: { sentAt: true },
    });
    expect(written?.sentAt).toEqual(at(310_000));
  });

  it('keeps writes the configured spacing apart, divided by the time scale', async () => {
    const rateKey = newKey();
    const spaced = { ...pacing, writeSpacingMs: 1000, timeScale: 10 };
    const slot = (ms: number) =>
      takeWriteSlot({ prisma: server.prisma, rateKey, content: false, pacing: spaced, now: at(ms) });
    expect(await slot(0)).toMatchObject({ ok: true });
    expect(await slot(50)).toEqual({ ok: false, waitMs: 50, reason: 'writes are spaced' });
    expect(await slot(100)).toMatchObject({ ok: true });
  });

  it('keeps a spacing that is no whole millisecond: a second at time scale 60 is 16.67 ms, 60 writes a second', async () => {
    const rateKey = newKey();
    const spaced = { ...pacing, writeSpacingMs: 1000, timeScale: 60 };
    const granted: number[] = [];
    // Each write asks when the last grant said the next could go, as the worker does.
    let next = 0;
    while (granted.length < 61) {
      const answer = await takeWriteSlot({
        prisma: server.prisma,
        rateKey,
        content: false,
        pacing: spaced,
        now: at(next),
      });
      if (!answer.ok) throw new Error(`refused at ${next} ms: ${answer.reason}`);
      granted.push(next);
      next = answer.nextWriteAt.getTime() - t0;
    }
    const gaps = granted.slice(1).map((ms, n) => ms - granted[n]!);
    expect(new Set(gaps)).toEqual(new Set([16, 17]));
    // Sixty spacings take a second (to the millisecond: slots are kept to the microsecond), not the
    // 1020 ms of a slot rounded up to 17 ms each time.
    expect(granted.at(-1)).toBeGreaterThanOrEqual(1000);
    expect(granted.at(-1)).toBeLessThanOrEqual(1001);
    // Asked a moment early, the wait is the whole milliseconds up to the slot.
    expect(
      await takeWriteSlot({ prisma: server.prisma, rateKey, content: false, pacing: spaced, now: at(1001) }),
    ).toEqual({ ok: false, waitMs: 16, reason: 'writes are spaced' });
  });

  it('takes a slot only together with the mark made in it, and gives it back when the mark finds nothing', async () => {
    const rateKey = newKey();
    const spaced = { ...pacing, writeSpacingMs: 1000, timeScale: 10 };
    const slot = (ms: number, marks: boolean) =>
      takeWriteSlot({
        prisma: server.prisma,
        rateKey,
        content: true,
        pacing: spaced,
        now: at(ms),
        // What the worker marks is its job, while it holds the lease; here, a row or none.
        inSlot: {
          statement: () => (marks ? Prisma.sql`select 1` : Prisma.sql`select 1 where false`),
          refused: () => new Error('the lease is lost'),
        },
      });
    await expect(slot(0, false)).rejects.toThrow('the lease is lost');
    // Nothing was written and the next slot did not move: the same moment is still free.
    expect(await server.prisma.githubWrite.count({ where: { key: rateKey } })).toBe(0);
    expect(await slot(0, true)).toMatchObject({ ok: true, nextWriteAt: at(100) });
    expect(await server.prisma.githubWrite.count({ where: { key: rateKey } })).toBe(1);
  });

  it('keeps the pace of a busy queue: a grant a moment late counts from its slot, a long-idle one from now', async () => {
    const rateKey = newKey();
    const spaced = { ...pacing, writeSpacingMs: 1000, timeScale: 10 };
    const slot = (ms: number) =>
      takeWriteSlot({ prisma: server.prisma, rateKey, content: false, pacing: spaced, now: at(ms) });
    expect(await slot(0)).toMatchObject({ ok: true });
    // Granted 3 ms after its slot (100): the next slot is 200, not 203.
    expect(await slot(103)).toMatchObject({ ok: true });
    expect(await slot(199)).toEqual({ ok: false, waitMs: 1, reason: 'writes are spaced' });
    expect(await slot(200)).toMatchObject({ ok: true });
    // Long after its slot (300): nothing is made up, the next slot is a spacing after now.
    expect(await slot(700)).toMatchObject({ ok: true });
    expect(await slot(799)).toEqual({ ok: false, waitMs: 1, reason: 'writes are spaced' });
    expect(await slot(800)).toMatchObject({ ok: true });
    // Late by more than 25 ms (the most made up), though within the spacing: counts from now.
    expect(await slot(930)).toMatchObject({ ok: true });
    expect(await slot(1029)).toEqual({ ok: false, waitMs: 1, reason: 'writes are spaced' });
  });

  it('sends nothing while blocked by a rate limit, reads included, for as long as GitHub said', async () => {
    const rateKey = newKey();
    const failure = {
      kind: 'rate_limited' as const,
      status: 403,
      reason: 'secondary rate limit: slow down',
      retryAfterMs: 5000,
    };
    const { blockedUntil } = await recordGithubFailure({ prisma: server.prisma, rateKey, failure, pacing, now: at(0) });
    expect(blockedUntil!.getTime() - t0).toBeGreaterThanOrEqual(5000);
    expect(blockedUntil!.getTime() - t0).toBeLessThanOrEqual(5500);
    const write = await takeWriteSlot({ prisma: server.prisma, rateKey, content: true, pacing, now: at(1000) });
    expect(write).toMatchObject({ ok: false, reason: 'secondary rate limit: slow down' });
    expect(await allowGithubRead({ prisma: server.prisma, rateKey, pacing, now: at(1000) })).toMatchObject({
      ok: false,
    });
    // Without retry-after or reset, at least the configured wait; limited again, it grows.
    const bare = { kind: 'rate_limited' as const, status: 403, reason: 'secondary rate limit' };
    const second = await recordGithubFailure({ prisma: server.prisma, rateKey, failure: bare, pacing, now: at(6000) });
    expect(second.blockedUntil!.getTime() - (t0 + 6000)).toBeGreaterThanOrEqual(120_000);
  });

  it('lets one probing request through after a failure, and the rest after its success', async () => {
    const rateKey = newKey();
    const failure = { kind: 'unknown_outcome' as const, status: 502, reason: 'GitHub answered 502' };
    const { blockedUntil } = await recordGithubFailure({ prisma: server.prisma, rateKey, failure, pacing, now: at(0) });
    const after = blockedUntil!.getTime() - t0 + 1;
    expect(
      await takeWriteSlot({ prisma: server.prisma, rateKey, content: true, pacing, now: at(after) }),
    ).toMatchObject({
      ok: true,
    });
    expect(await allowGithubRead({ prisma: server.prisma, rateKey, pacing, now: at(after + 1) })).toMatchObject({
      ok: false,
      reason: 'waiting for the answer to a probing request',
    });
    await recordGithubSuccess({
      prisma: server.prisma,
      rateKey,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4990',
        'x-ratelimit-reset': '1777634400',
        'x-ratelimit-resource': 'core',
      },
      now: at(after + 2),
    });
    expect(await allowGithubRead({ prisma: server.prisma, rateKey, pacing, now: at(after + 3) })).toEqual({ ok: true });
    const state = await server.prisma.githubRateState.findUniqueOrThrow({
      where: { key: rateKey },
      select: {
        strikes: true,
        blockedUntil: true,
        coreLimit: true,
        coreRemaining: true,
        coreResetAt: true,
        lastSuccessAt: true,
      },
    });
    expect(state).toEqual({
      strikes: 0,
      blockedUntil: null,
      coreLimit: 5000,
      coreRemaining: 4990,
      coreResetAt: new Date(1777634400 * 1000),
      lastSuccessAt: at(after + 2),
    });
  });

  it("holds reads, never writes, while GitHub's budget is down to the writes' reserve, until it resets", async () => {
    const rateKey = newKey();
    const reset = Math.floor(at(600_000).getTime() / 1000);
    const answered = (remaining: number, ms: number) =>
      recordGithubSuccess({
        prisma: server.prisma,
        rateKey,
        now: at(ms),
        headers: {
          'x-ratelimit-resource': 'core',
          'x-ratelimit-limit': 5000,
          'x-ratelimit-remaining': remaining,
          'x-ratelimit-reset': reset,
        },
      });
    const read = (ms: number) => allowGithubRead({ prisma: server.prisma, rateKey, pacing, now: at(ms) });
    await takeWriteSlot({ prisma: server.prisma, rateKey, content: false, pacing, now: at(0) });
    // 5% of 5,000 is kept for writes: 251 left still reads, 250 does not.
    await answered(251, 1000);
    expect(await read(1001)).toEqual({ ok: true });
    await answered(250, 2000);
    expect(await read(2001)).toEqual({
      ok: false,
      waitMs: reset * 1000 - at(2001).getTime(),
      reason: 'GitHub budget kept for writes until it resets',
    });
    expect(await takeWriteSlot({ prisma: server.prisma, rateKey, content: true, pacing, now: at(2002) })).toMatchObject(
      {
        ok: true,
      },
    );
    // After GitHub's reset the budget is whole again, whatever was last recorded.
    expect(await read(600_001)).toEqual({ ok: true });
  });

  it('blocks for a few minutes when the credentials are rejected', async () => {
    const rateKey = newKey();
    const failure = {
      kind: 'unauthorized' as const,
      status: 401 as const,
      reason: 'credentials rejected: Bad credentials',
    };
    const { blockedUntil } = await recordGithubFailure({ prisma: server.prisma, rateKey, failure, pacing, now: at(0) });
    expect(blockedUntil!.getTime() - t0).toBeGreaterThanOrEqual(180_000);
    expect(await allowGithubRead({ prisma: server.prisma, rateKey, pacing, now: at(60_000) })).toMatchObject({
      ok: false,
      reason: 'credentials rejected: Bad credentials',
    });
  });
});
