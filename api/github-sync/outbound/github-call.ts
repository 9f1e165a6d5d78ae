import { Prisma } from '../../generated/prisma/client.ts';
import { allowGithubRead } from '../client/allow-github-read.ts';
import { classifyGithubError, type GithubFailure } from '../client/classify-github-error.ts';
import { recordGithubFailure } from '../client/record-github-failure.ts';
import { githubSuccessUpdates, recordGithubSuccess, successStatement } from '../client/record-github-success.ts';
import { scaled, sleep } from '../client/sync-timing.ts';
import { type SlotMark, takeWriteSlot } from '../client/take-write-slot.ts';
import type { SyncJobContext } from './sync-job-context.ts';

/** The shared pacer said not now: the job goes back to the queue until then, no attempt counted. */
export class SlotWait extends Error {
  constructor(
    readonly waitMs: number,
    readonly reason: string,
  ) {
    super(`waiting ${Math.round(waitMs)} ms: ${reason}`);
    this.name = 'SlotWait';
  }
}

/** A GitHub request failed; `failure` says what it means, `blockedUntil` when anything may go out again. */
export class GithubCallError extends Error {
  constructor(
    readonly failure: GithubFailure,
    readonly blockedUntil: Date | null,
  ) {
    super(failure.reason);
    this.name = 'GithubCallError';
  }
}

type Answer = { headers: Record<string, string | number | undefined> };

/**
 * A successful answer not yet recorded: `updates` go into the caller's next statement (as its
 * `with`, see successCtes) and `recorded()` says that statement ran; if it never does, the answer
 * is recorded on its own before the lane is let go.
 */
export type PendingSuccess = { updates: Prisma.Sql[]; recorded: () => void };

/**
 * Sends one request to GitHub (the call itself, nothing else, so any error is GitHub's or the
 * network's) and feeds its outcome into the credential's shared rate state, holding the process's
 * request lane until then.
 */
export async function callGithub<T extends Answer>(
  context: SyncJobContext,
  request: () => Promise<T>,
  options: { answeredWriteId?: string } = {},
): Promise<T> {
  // Nothing to settle: the answer is recorded on its own.
  return callGithubThen(context, request, { ...options, settle: async (answer) => answer });
}

/**
 * callGithub, and then `settle` with a successful answer (a write's link), still holding the lane;
 * `settle` records the answer in its own statement (PendingSuccess): one statement fewer a write.
 */
async function callGithubThen<T extends Answer, Settled>(
  context: SyncJobContext,
  request: () => Promise<T>,
  options: { answeredWriteId?: string; settle: (answer: T, success: PendingSuccess) => Promise<Settled> },
): Promise<Settled> {
  await context.lane.hold();
  try {
    return await sendAndRecord(context, request, options);
  } finally {
    // Answered and recorded: the next job's request may go (its write slot still paces it).
    await context.lane.letGo();
  }
}

async function sendAndRecord<T extends Answer, Settled>(
  context: SyncJobContext,
  request: () => Promise<T>,
  options: { answeredWriteId?: string; settle: (answer: T, success: PendingSuccess) => Promise<Settled> },
): Promise<Settled> {
  const { prisma, github, env } = context;
  const { answeredWriteId, settle } = options;
  let answer: T;
  try {
    answer = await request();
  } catch (error) {
    const failure = classifyGithubError(error);
    const headers = (error as { response?: Answer }).response?.headers;
    let blockedUntil: Date | null = null;
    if (failure.kind === 'rate_limited' || failure.kind === 'unknown_outcome' || failure.kind === 'unauthorized') {
      ({ blockedUntil } = await recordGithubFailure({
        prisma,
        rateKey: github.rateKey,
        failure,
        pacing: env.github.pacing,
        answeredWriteId,
      }));
    } else {
      // GitHub answered (404, 422 …): it is up and the credential works.
      await recordGithubSuccess({ prisma, rateKey: github.rateKey, headers, answeredWriteId });
    }
    throw new GithubCallError(failure, blockedUntil);
  }
  const updates = githubSuccessUpdates({ rateKey: github.rateKey, headers: answer.headers, answeredWriteId });
  let recorded = false;
  try {
    return await settle(answer, { updates, recorded: () => (recorded = true) });
  } finally {
    if (!recorded) await prisma.$executeRaw(successStatement(updates));
  }
}

/** Waits for the shared block (if any) to allow a read; a long wait hands the job back. */
export async function awaitReadPermission(context: SyncJobContext): Promise<void> {
  await awaitSlot(context, () =>
    allowGithubRead({
      prisma: context.prisma,
      rateKey: context.github.rateKey,
      pacing: context.env.github.pacing,
      probeMs: context.env.github.requestTimeoutMs + 1000,
    }),
  );
}

/**
 * Takes a write slot from the shared pacer. The usual spacing between writes is waited out here,
 * holding the job; a longer wait (a block, a used-up budget) hands the job back to the queue.
 */
export async function awaitWriteSlot(
  context: SyncJobContext,
  options: { content: boolean; inSlot?: SlotMark },
): Promise<string> {
  const { rateKey } = context.github;
  // Held from here to the write's answer (callGithub lets go): slots are taken in the order jobs queued.
  await context.lane.hold();
  const hint = slotHints.get(rateKey)?.[options.content ? 'content' : 'write'];
  const early = hint === undefined ? 0 : hint - Date.now();
  if (early > 0 && early <= inlineWaitMs(context)) await sleep(early, context.signal);
  const granted = await awaitSlot(context, () =>
    takeWriteSlot({
      prisma: context.prisma,
      rateKey: context.github.rateKey,
      content: options.content,
      pacing: context.env.github.pacing,
      probeMs: context.env.github.requestTimeoutMs + 1000,
      inSlot: options.inSlot,
    }),
  ).catch(async (error: unknown) => {
    // No slot (a long wait, the lease lost, a stop): the next job may try.
    await context.lane.letGo();
    throw error;
  });
  slotHints.set(rateKey, { write: granted.nextWriteAt.getTime(), content: granted.nextContentAt.getTime() });
  return granted.writeId;
}

/**
 * This process's last word from the pacer, per credential: when a next write, and a next content
 * write, could be granted. Waiting that out before asking saves a refused slot transaction per
 * write while the queue is busy; the slot itself still decides (other processes write too).
 */
const slotHints = new Map<string, { write: number; content: number }>();

/** Waits up to this long for a slot while holding the job; longer, the job goes back to the queue. */
function inlineWaitMs(context: SyncJobContext): number {
  const { pacing } = context.env.github;
  return Math.min(5000, Math.max(250, 3 * scaled(pacing.writeSpacingMs, pacing)));
}

async function awaitSlot<Granted extends { ok: true }>(
  context: SyncJobContext,
  take: () => Promise<Granted | { ok: false; waitMs: number; reason: string }>,
): Promise<Granted> {
  const inlineMs = inlineWaitMs(context);
  for (;;) {
    const answer = await take();
    if (answer.ok) return answer;
    if (answer.waitMs > inlineMs || context.signal?.aborted) throw new SlotWait(answer.waitMs, answer.reason);
    await sleep(answer.waitMs, context.signal);
  }
}

/**
 * Sends a write that GitHub cannot deduplicate and settles its answer (`settle`: the link, which
 * records the answer too, see callGithubThen). `firstSentAt` is committed before it leaves, so
 * whoever holds the job next (this process after an unknown outcome, another after a crash) looks
 * for the write's marker on GitHub before sending it again. When GitHub clearly refused (limited,
 * credentials, 4xx) and this attempt was the first send, the mark is taken back.
 */
export async function sendWrite<T extends Answer, Settled>(
  context: SyncJobContext,
  request: () => Promise<T>,
  settle: (answer: T, success: PendingSuccess) => Promise<Settled>,
): Promise<Settled> {
  const { prisma, job, owner } = context;
  const marking = job.firstSentAt === null;
  let markedAt: Date | null = null;
  const writeId = await awaitWriteSlot(context, {
    content: true,
    // Marked with the slot: committed before the write leaves, and only while we hold the lease.
    inSlot: marking
      ? {
          statement: (now) => {
            markedAt = now;
            return Prisma.sql`
              update "SyncJob" set "firstSentAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
              where id = ${job.id}::uuid and "leaseOwner" = ${owner} and status = 'running' returning id`;
          },
          refused: () => new LeaseLost(job.id),
        }
      : undefined,
  });
  if (marking) job.firstSentAt = markedAt;
  try {
    return await callGithubThen(context, request, { answeredWriteId: writeId, settle });
  } catch (error) {
    if (marking && error instanceof GithubCallError && error.failure.kind !== 'unknown_outcome') {
      await prisma.syncJob.updateMany({
        where: { id: job.id, leaseOwner: owner, status: 'running' },
        data: { firstSentAt: null },
      });
      job.firstSentAt = null;
    }
    throw error;
  }
}

/** Another process took the job over (our lease ran out): leave it to them. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`lease on sync job ${jobId} lost`);
    this.name = 'LeaseLost';
  }
}
