import { findReportMarker } from '../github/github.schemas.ts';
import { fetchIssue } from './fetch-issue.ts';
import { findProgramsOfRepo, findReportByIssue } from './find-report-by-issue.ts';
import { importGithubIssue } from './import-github-issue.ts';
import type { InboundSettings, Tx } from './inbound-context.ts';

// GitHub's own wording when engineering closes an issue as a duplicate from a comment.
const duplicateOf = /\bduplicate of #(\d+)\b/gi;

/** The issue number the text names as canonical ("Duplicate of #N"), the last one when several. */
export function findDuplicateOf(body: string | null | undefined): number | null {
  const matches = [...(body ?? '').matchAll(duplicateOf)];
  const last = matches.at(-1)?.[1];
  return last ? Number(last) : null;
}

/**
 * Links a report closed as duplicate to the report of its canonical issue, as the newest GitHub
 * comment by engineering saying "Duplicate of #N" names it (in the same repository): a passer-by's
 * comment, kept as a team note, does not decide where a report belongs. A canonical issue opened
 * directly on GitHub and not yet known is fetched and imported first. Returns what changed, or
 * null when nothing did (not a duplicate, no such comment yet, or already linked so).
 */
export async function linkDuplicate(options: { tx: Tx; reportId: string; settings: InboundSettings }) {
  const { tx, reportId, settings } = options;
  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { status: true, duplicateOfId: true, issueRepo: true, issueNumber: true },
  });
  if (report.status !== 'duplicate' || !report.issueRepo) return null;
  const comments = await tx.reportComment.findMany({
    where: {
      reportId,
      githubCommentId: { not: null },
      authorLogin: { not: null },
      visibility: 'public',
      body: { contains: 'uplicate of #', mode: 'insensitive' },
    },
    select: { body: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const number = comments.map((comment) => findDuplicateOf(comment.body)).find((found) => found !== null);
  if (!number || number === report.issueNumber) return null;

  const canonicalId =
    (await findReportByIssue(tx, report.issueRepo, number)) ??
    (await importCanonical(tx, { repo: report.issueRepo, number, settings }));
  if (!canonicalId || canonicalId === reportId || canonicalId === report.duplicateOfId) return null;
  await tx.report.update({ where: { id: reportId }, data: { duplicateOfId: canonicalId }, select: { id: true } });
  await tx.reportEvent.create({
    data: {
      reportId,
      kind: 'duplicate_of',
      data: { reportId: canonicalId, issueRepo: report.issueRepo, issueNumber: number },
    },
    select: { id: true },
  });
  return `duplicate of #${number}`;
}

async function importCanonical(
  tx: Tx,
  options: { repo: string; number: number; settings: InboundSettings },
): Promise<string | null> {
  const { settings } = options;
  if (!settings.github) return null;
  const fetched = await fetchIssue(tx, { github: settings.github, repo: options.repo, number: options.number });
  if (fetched.kind !== 'issue') return null;
  // A Fieldtest issue whose report is not linked yet (its create is pending) is the outbound sync's to link.
  if (findReportMarker(fetched.issue.body)) return null;
  const programs = await findProgramsOfRepo(tx, options.repo);
  const imported = await importGithubIssue({ tx, programs, issue: fetched.issue, settings });
  return imported.kind === 'ignored' ? null : imported.reportId;
}
