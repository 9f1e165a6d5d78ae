import { type GithubIssue, repoOfIssue } from '../client/github.schemas.ts';
import { applyIssueState } from './apply-issue-state.ts';
import {
  classifyUnlinkedIssue,
  findProgramsOfRepo,
  findReportByIssue,
  programOfReport,
} from './find-report-by-issue.ts';
import { importGithubIssue } from './import-github-issue.ts';
import type { InboundSettings, Tx } from './inbound-context.ts';
import { linkDuplicate } from './link-duplicate.ts';
import type { Reads } from './read-before-apply.ts';

export type IssueOutcome =
  | { kind: 'processed'; reportId: string; text: string }
  | { kind: 'ignored'; text: string }
  /** The issue is the twin of a report whose create has not committed yet: try again shortly. */
  | { kind: 'retry'; text: string };

/**
 * One issue as GitHub has it, from a webhook or from reconciliation: applied to its report, or
 * imported when it was opened directly on GitHub in a program's repository. Runs in the caller's
 * transaction.
 */
export async function applyGithubIssue(options: {
  tx: Tx;
  issue: GithubIssue;
  settings: InboundSettings;
  /** What was read from GitHub before the transaction (read-before-apply.ts). */
  reads: Reads;
}): Promise<IssueOutcome> {
  const { tx, issue, settings, reads } = options;
  const repo = repoOfIssue(issue);
  const where = `${repo}#${issue.number}`;
  if (issue.pull_request !== undefined) return { kind: 'ignored', text: `${where} is a pull request` };

  const reportId = await findReportByIssue(tx, repo, issue.number);
  if (reportId) {
    const program = await programOfReport(tx, reportId);
    const applied = await applyIssueState({ tx, program, issue, settings, reportId, refetch: reads.current });
    if (applied.kind === 'untrusted') {
      const text = `${where}: updated_at ${issue.updated_at} lies in the future and GitHub could not be asked; not applied`;
      // With credentials GitHub may answer later (after a rate limit, an outage); without, it never will.
      return settings.github ? { kind: 'retry', text } : { kind: 'processed', reportId, text };
    }
    const changes = applied.kind === 'applied' ? [...applied.changes] : [];
    if ((applied.kind === 'applied' || applied.kind === 'unchanged') && applied.status === 'duplicate') {
      const linked = await linkDuplicate({ tx, reportId, settings, reads });
      if (linked) changes.push(linked);
    }
    const text =
      applied.kind === 'stale'
        ? `${where}: an older state than the one applied, dropped`
        : applied.kind === 'deleted'
          ? `${where}: the issue was deleted`
          : changes.length
            ? `${where}: ${changes.join('; ')}`
            : `${where}: nothing changed`;
    return { kind: 'processed', reportId, text };
  }

  const unlinked = await classifyUnlinkedIssue(tx, issue);
  if (unlinked.kind === 'pending_create') {
    return { kind: 'retry', text: `${where}: report ${unlinked.reportId} is not linked to its issue yet` };
  }
  if (unlinked.kind !== 'direct') return { kind: 'ignored', text: `${where}: ${unlinked.reason}` };
  const programs = await findProgramsOfRepo(tx, repo);
  if (!programs.length) return { kind: 'ignored', text: `no program uses ${repo}` };
  const imported = await importGithubIssue({ tx, programs, issue, settings, refetch: reads.current });
  if (imported.kind === 'ignored') return { kind: 'ignored', text: `${where}: ${imported.reason}` };
  if (imported.kind === 'exists') {
    // Imported by a parallel delivery a moment ago: apply this state over it like any other.
    return applyGithubIssue(options);
  }
  const { apply } = imported;
  // Closed as duplicate before it ever reached Fieldtest: linked to its original like any other.
  const linked =
    (apply.kind === 'applied' || apply.kind === 'unchanged') && apply.status === 'duplicate'
      ? await linkDuplicate({ tx, reportId: imported.reportId, settings, reads })
      : null;
  const text = `${where}: imported as report ${imported.reportId}${linked ? `; ${linked}` : ''}`;
  return { kind: 'processed', reportId: imported.reportId, text };
}
