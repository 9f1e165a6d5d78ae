import type { PrismaClient } from '../../generated/prisma/client.ts';
import { type GithubComment, type GithubIssue, repoOfIssue } from '../client/github.schemas.ts';
import { applyGithubComment } from './apply-github-comment.ts';
import { applyGithubIssue } from './apply-github-issue.ts';
import { findReportByIssue } from './find-report-by-issue.ts';
import { issueCommentEventSchema, issuesEventSchema } from './github-inbound.schemas.ts';
import type { InboundSettings, Tx } from './inbound-context.ts';
import { markIssueDeleted } from './mark-issue-deleted.ts';
import { moveIssue } from './move-issue.ts';
import { applyAfterReads, noReads, type Reads, readsOf } from './read-before-apply.ts';

export type DeliveryResult =
  | { status: 'processed' | 'ignored'; outcome: string }
  /** Not yet: the delivery stays pending and is tried again later (counts as an attempt). */
  | { status: 'retry'; outcome: string }
  /** Never: a payload we cannot read will not become readable by trying again. */
  | { status: 'failed'; outcome: string };

type Delivery = { id: string; event: string; action: string | null; payload: unknown };

/**
 * Processes one stored delivery in its own transaction, which also records the delivery's status
 * and outcome: either both the change and "processed" commit, or neither does and the delivery is
 * tried again. The event is a hint; what is applied is the issue's state it carries (see
 * applyIssueState), so the order deliveries arrive in does not matter.
 */
export async function processWebhookDelivery(options: {
  prisma: PrismaClient;
  delivery: Delivery;
  settings: InboundSettings;
}): Promise<DeliveryResult> {
  const { prisma, delivery } = options;
  // GitHub is read before the transaction locks anything (read-before-apply.ts).
  const target = targetOf(delivery);
  const settings =
    target && options.settings.access
      ? { ...options.settings, github: await options.settings.access.forRepo(target.repo) }
      : options.settings;
  if (!target) return applyDelivery(prisma, delivery, settings, readsOf(noReads));
  const result = await applyAfterReads({ prisma, settings, ...target }, async (reads) => {
    // The issue as stored already: nothing to lock or apply (comments are still applied).
    if (reads.unchanged && delivery.event === 'issues' && !disagreement(target.repo, target.issue)) {
      const unchanged = { status: 'processed', outcome: `${target.repo}#${target.number}: nothing changed` } as const;
      await recordOutcome(prisma, delivery.id, unchanged);
      return unchanged;
    }
    return applyDelivery(prisma, delivery, settings, reads);
  });
  return (
    result ?? {
      status: 'retry',
      outcome: `${target.repo}#${target.number}: GitHub's state kept changing while it was read`,
    }
  );
}

/** The issue a delivery is about, with its state as delivered; null for what is not applied to an issue. */
function targetOf(delivery: Delivery) {
  const schema =
    delivery.event === 'issues'
      ? issuesEventSchema
      : delivery.event === 'issue_comment'
        ? issueCommentEventSchema
        : null;
  const parsed = schema?.safeParse(delivery.payload);
  if (!parsed?.success) return null;
  const { issue, repository, action } = parsed.data;
  if (action === 'deleted' && delivery.event === 'issues') return null;
  if (action === 'transferred') return null;
  return { repo: repository.full_name, number: issue.number, issue };
}

function applyDelivery(
  prisma: PrismaClient,
  delivery: Delivery,
  settings: InboundSettings,
  reads: Reads,
): Promise<DeliveryResult> {
  return prisma.$transaction(
    async (tx) => {
      const result = await dispatch(tx, delivery, settings, reads);
      if (result.status === 'processed' || result.status === 'ignored') await recordOutcome(tx, delivery.id, result);
      return result;
    },
    // Nothing inside waits for GitHub: what applying needs from it was read before.
    { maxWait: 10_000, timeout: 15_000 },
  );
}

/** A delivery done with: its status and outcome, in the transaction that applied it. */
async function recordOutcome(
  db: Tx | PrismaClient,
  id: string,
  result: { status: 'processed' | 'ignored'; outcome: string },
) {
  await db.webhookDelivery.update({
    where: { id },
    data: { status: result.status, outcome: result.outcome, processedAt: new Date(), leaseUntil: null },
    select: { id: true },
  });
}

async function dispatch(tx: Tx, delivery: Delivery, settings: InboundSettings, reads: Reads): Promise<DeliveryResult> {
  if (delivery.event === 'issues') {
    const parsed = issuesEventSchema.safeParse(delivery.payload);
    if (!parsed.success) return { status: 'failed', outcome: `issues payload not understood: ${parsed.error.message}` };
    const { action, issue, changes } = parsed.data;
    const repo = parsed.data.repository.full_name;
    const where = `${repo}#${issue.number}`;
    const mismatch = disagreement(repo, issue);
    if (mismatch) return { status: 'failed', outcome: mismatch };
    if (action === 'deleted' || action === 'transferred') {
      const reportId = await findReportByIssue(tx, repo, issue.number);
      if (!reportId) return { status: 'ignored', outcome: `${where} ${action}: no report stands for it` };
      if (action === 'deleted') {
        const changed = await markIssueDeleted(tx, { reportId, at: new Date() });
        return { status: 'processed', outcome: `${where} deleted${changed ? '' : ' (already known)'}` };
      }
      const to = changes?.new_issue;
      if (!to) return { status: 'failed', outcome: `${where} transferred without changes.new_issue` };
      const toRepo = changes?.new_repository?.full_name ?? repoOfIssue(to);
      const moved = await moveIssue(tx, {
        reportId,
        to: { repo: toRepo, number: to.number, id: to.id, url: to.html_url },
      });
      return {
        status: 'processed',
        outcome: moved
          ? `${where} transferred to ${toRepo}#${to.number}`
          : `${where} transferred to ${toRepo}#${to.number}, where another report already stands`,
      };
    }
    return toResult(await applyGithubIssue({ tx, issue, settings, reads }));
  }

  if (delivery.event === 'issue_comment') {
    const parsed = issueCommentEventSchema.safeParse(delivery.payload);
    if (!parsed.success) {
      return { status: 'failed', outcome: `issue_comment payload not understood: ${parsed.error.message}` };
    }
    const { action, issue, comment } = parsed.data;
    const mismatch = disagreement(parsed.data.repository.full_name, issue, comment);
    if (mismatch) return { status: 'failed', outcome: mismatch };
    // The issue as of the comment comes along: applying it first also imports an unknown issue.
    const applied = await applyGithubIssue({ tx, issue, settings, reads });
    if (applied.kind !== 'processed') return toResult(applied);
    const outcome = await applyGithubComment({
      tx,
      reportId: applied.reportId,
      action,
      comment,
      settings,
      reads,
    });
    return { status: 'processed', outcome: `${applied.text}; comment ${comment.id} ${outcome}` };
  }

  return { status: 'ignored', outcome: `event ${delivery.event} is not synced` };
}

/**
 * Why the delivery contradicts itself, if it does. The delivery is listed under `repository.full_name`
 * while the issue is found by its `repository_url` (and a comment belongs where its `issue_url`
 * points): when they disagree, applying it would change one program's report under another
 * program's name, so it is applied nowhere. GitHub's own deliveries always agree.
 */
function disagreement(
  repository: string,
  issue: Pick<GithubIssue, 'repository_url' | 'number'>,
  comment?: Pick<GithubComment, 'issue_url'>,
): string | null {
  const issueRepo = /\/repos\/([^/]+\/[^/]+)\/?$/.exec(issue.repository_url)?.[1];
  if (issueRepo?.toLowerCase() !== repository.toLowerCase()) {
    return `refused: repository.full_name is ${repository} but issue.repository_url is ${issue.repository_url}; not applied`;
  }
  if (comment) {
    const [, commentRepo, number] = /\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/.exec(comment.issue_url) ?? [];
    if (commentRepo?.toLowerCase() !== repository.toLowerCase() || Number(number) !== issue.number) {
      return `refused: comment.issue_url is ${comment.issue_url} but the issue is ${repository}#${issue.number}; not applied`;
    }
  }
  return null;
}

function toResult(outcome: Awaited<ReturnType<typeof applyGithubIssue>>): DeliveryResult {
  if (outcome.kind === 'processed') return { status: 'processed', outcome: outcome.text };
  return { status: outcome.kind, outcome: outcome.text };
}
