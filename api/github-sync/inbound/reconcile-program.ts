import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { claimLeased } from '../../lib/leased-queue.ts';
import type { Logger } from '../../lib/logger.ts';
import { allowGithubRead } from '../client/allow-github-read.ts';
import { classifyGithubError } from '../client/classify-github-error.ts';
import { githubCommentSchema, githubIssueSchema } from '../client/github.schemas.ts';
import type { GithubClient } from '../client/github-client.ts';
import { recordGithubFailure } from '../client/record-github-failure.ts';
import { recordGithubSuccess } from '../client/record-github-success.ts';
import { applyGithubComment } from './apply-github-comment.ts';
import { applyGithubIssue } from './apply-github-issue.ts';
import { findReportByIssue } from './find-report-by-issue.ts';
import type { InboundSettings } from './inbound-context.ts';
import { applyAfterReads } from './read-before-apply.ts';

export type ReconcileResult =
  | { kind: 'busy' }
  | { kind: 'blocked'; until: Date }
  | { kind: 'failed'; reason: string }
  | {
      kind: 'done';
      issues: { notModified: boolean; seen: number; changed: number };
      comments: { notModified: boolean; seen: number; changed: number };
    };

/** Re-read a little before the watermark: clocks and GitHub's own listing may lag a moment. */
const overlapMs = 60_000;
/** Held while reconciling; a process that dies mid-way lets another take over after it. */
const leaseSeconds = 300;

type Headers = Record<string, string | number | undefined>;
type Listed = { headers: Headers } & (
  | { notModified: true }
  | { notModified: false; items: unknown[]; etag: string | null }
);

/**
 * Repairs whatever lost webhooks left behind, for one program: lists the repository's issues
 * updated since the watermark (a conditional request: 304 when nothing changed, which GitHub does
 * not count against the limit), applies each like a webhook would (importing issues opened
 * directly on GitHub), then the comments updated since the watermark, and advances the watermark.
 * Only one process reconciles a program at a time (ProgramSync.leaseUntil). Reads go through the
 * outbound sync's pacer (api/sync): nothing is read while the credential is blocked, and a rate
 * limit or an outage met here blocks it for every process, and holds this program until then.
 */
export async function reconcileProgram(options: {
  prisma: PrismaClient;
  settings: InboundSettings & { github: GithubClient };
  logger: Logger;
  programId: string;
}): Promise<ReconcileResult> {
  const { prisma, settings, logger, programId } = options;
  const { github } = settings;
  await prisma.programSync.createMany({ data: [{ programId }], skipDuplicates: true });
  // The program's one row, claimed like a queue's row: another process's lease means busy, and so
  // does a write to the row at that very moment (the next round tries again).
  const [state] = await claimLeased<{ watermark: Date | null; issuesEtag: string | null; commentsEtag: string | null }>(
    prisma,
    {
      table: 'ProgramSync',
      key: 'programId',
      lease: 'leaseUntil',
      leaseMs: leaseSeconds * 1000,
      due: Prisma.sql`"programId" = ${programId}::uuid and ("leaseUntil" is null or "leaseUntil" <= now())`,
      order: Prisma.sql`"programId"`,
    },
    {
      limit: 1,
      set: Prisma.sql`"lastReconcileAt" = now()`,
      returning: Prisma.sql`watermark, "issuesEtag", "commentsEtag"`,
    },
  );
  if (!state) return { kind: 'busy' };

  const release = (data: {
    leaseUntil?: Date | null;
    lastError?: string | null;
    success?: boolean;
    watermark?: Date | null;
    issuesEtag?: string | null;
    commentsEtag?: string | null;
  }) =>
    prisma.programSync.update({
      where: { programId },
      data: {
        leaseUntil: data.leaseUntil ?? null,
        ...(data.watermark !== undefined ? { watermark: data.watermark } : {}),
        ...(data.issuesEtag !== undefined ? { issuesEtag: data.issuesEtag } : {}),
        ...(data.commentsEtag !== undefined ? { commentsEtag: data.commentsEtag } : {}),
        ...(data.success ? { lastSuccessAt: new Date(), lastError: null, lastErrorAt: null } : {}),
        ...(data.lastError ? { lastError: data.lastError, lastErrorAt: new Date() } : {}),
      },
      select: { programId: true },
    });

  const gate = await allowGithubRead({ prisma, rateKey: github.rateKey, pacing: settings.pacing });
  if (!gate.ok) {
    const until = new Date(Date.now() + gate.waitMs);
    await release({ leaseUntil: until });
    return { kind: 'blocked', until };
  }

  const program = await prisma.program.findUniqueOrThrow({ where: { id: programId }, select: { githubRepo: true } });
  const repo = program.githubRepo;
  const [owner = '', name = ''] = repo.split('/');
  const since = state.watermark ? new Date(state.watermark.getTime() - overlapMs).toISOString() : undefined;
  let watermark = state.watermark;
  const advance = (at: string) => {
    const time = new Date(at);
    if (!watermark || time > watermark) watermark = time;
  };

  try {
    const issues = await listSince(github, {
      url: 'GET /repos/{owner}/{repo}/issues',
      params: { owner, repo: name, state: 'all', sort: 'updated', direction: 'asc', since },
      etag: state.issuesEtag,
    });
    const issueCounts = { notModified: issues.notModified, seen: 0, changed: 0 };
    for (const item of issues.notModified ? [] : issues.items) {
      const parsed = githubIssueSchema.safeParse(item);
      if (!parsed.success || parsed.data.pull_request !== undefined) continue;
      issueCounts.seen += 1;
      const issue = parsed.data;
      const outcome = await applyAfterReads({ prisma, settings, repo, number: issue.number, issue }, (reads) =>
        // Stored as it stands (a webhook brought it): nothing to lock or apply.
        reads.unchanged
          ? Promise.resolve({ kind: 'ignored', text: 'nothing changed' } as const)
          : prisma.$transaction((tx) => applyGithubIssue({ tx, issue, settings, reads }), {
              maxWait: 10_000,
              timeout: 15_000,
            }),
      );
      // A report whose create is pending is the outbound sync's to link, and GitHub's state may have
      // kept changing while it was read: the next run sees the issue again.
      if (outcome === null || outcome.kind === 'retry') continue;
      if (outcome.kind === 'processed' && !outcome.text.endsWith('nothing changed')) {
        issueCounts.changed += 1;
        await noteIfNoDelivery(prisma, { programId, repo, number: issue.number, updatedAt: issue.updated_at });
      }
      advance(parsed.data.updated_at);
    }

    const comments = await listSince(github, {
      url: 'GET /repos/{owner}/{repo}/issues/comments',
      params: { owner, repo: name, sort: 'updated', direction: 'asc', since },
      etag: state.commentsEtag,
    });
    const commentCounts = { notModified: comments.notModified, seen: 0, changed: 0 };
    for (const item of comments.notModified ? [] : comments.items) {
      const parsed = githubCommentSchema.safeParse(item);
      if (!parsed.success) continue;
      const number = Number(/\/issues\/(\d+)$/.exec(parsed.data.issue_url)?.[1]);
      if (!number) continue;
      commentCounts.seen += 1;
      const outcome = await applyAfterReads({ prisma, settings, repo, number }, (reads) =>
        prisma.$transaction(
          async (tx) => {
            const reportId = await findReportByIssue(tx, repo, number);
            if (!reportId) return 'unchanged';
            return applyGithubComment({ tx, reportId, action: 'created', comment: parsed.data, settings, reads });
          },
          { maxWait: 10_000, timeout: 15_000 },
        ),
      );
      if (outcome === null) continue;
      if (outcome !== 'unchanged') {
        commentCounts.changed += 1;
        await noteIfNoDelivery(prisma, { programId, repo, number, updatedAt: parsed.data.updated_at });
      }
      advance(parsed.data.updated_at);
    }

    await recordGithubSuccess({ prisma, rateKey: github.rateKey, headers: comments.headers });
    await release({
      success: true,
      watermark,
      ...(issues.notModified ? {} : { issuesEtag: issues.etag }),
      ...(comments.notModified ? {} : { commentsEtag: comments.etag }),
    });
    return { kind: 'done', issues: issueCounts, comments: commentCounts };
  } catch (error) {
    const failure = classifyGithubError(error);
    const reason = `${failure.kind}: ${failure.reason}`.slice(0, 2000);
    logger.warn({ programId, repo, reason }, 'reconciliation failed');
    const { blockedUntil } = await recordGithubFailure({
      prisma,
      rateKey: github.rateKey,
      failure,
      pacing: settings.pacing,
    });
    // The lease doubles as "not before": this program is not read again until GitHub allows it.
    await release({ leaseUntil: blockedUntil, lastError: reason });
    return { kind: 'failed', reason };
  }
}

/**
 * Every page of a listing, oldest update first. The first page is asked conditionally with the
 * stored ETag; the new ETag is kept only when everything fit on that page (a later page could
 * change while the first one does not).
 */
async function listSince(
  github: GithubClient,
  options: { url: string; params: Record<string, string | number | undefined>; etag: string | null },
): Promise<Listed> {
  const items: unknown[] = [];
  let etag: string | null = null;
  for (let page = 1; ; page += 1) {
    const params = Object.fromEntries(Object.entries(options.params).filter(([, value]) => value !== undefined));
    let response: { data: unknown; headers: Record<string, string | number | undefined> };
    try {
      response = await github.octokit.request(options.url, {
        ...params,
        per_page: 100,
        page,
        ...(page === 1 && options.etag ? { headers: { 'if-none-match': options.etag } } : {}),
      });
    } catch (error) {
      const answer = error as { status?: number; response?: { headers?: Headers } };
      if (page === 1 && answer.status === 304) return { notModified: true, headers: answer.response?.headers ?? {} };
      throw error;
    }
    const batch = Array.isArray(response.data) ? response.data : [];
    items.push(...batch);
    const next = String(response.headers.link ?? '').includes('rel="next"');
    if (page === 1) etag = next ? null : (response.headers.etag?.toString() ?? null);
    if (!next || !batch.length) return { notModified: false, items, etag, headers: response.headers };
  }
}

/**
 * Reconciliation applied a change: if no webhook delivery carried the issue as of that change (its
 * `updated_at` or later), webhooks may not be reaching Fieldtest, and sync health says so until
 * one arrives.
 */
async function noteIfNoDelivery(
  prisma: PrismaClient,
  options: { programId: string; repo: string; number: number; updatedAt: string },
) {
  const [arrived] = await prisma.$queryRaw<{ id: string }[]>`
    select id from "WebhookDelivery"
    where lower(repo) = lower(${options.repo}) and "issueNumber" = ${options.number}
      and payload->'issue'->>'updated_at' >= ${options.updatedAt}
    limit 1`;
  if (arrived) return;
  await prisma.programSync.update({
    where: { programId: options.programId },
    data: { webhookMissedAt: new Date(), webhookMissedIssue: options.number },
    select: { programId: true },
  });
}
