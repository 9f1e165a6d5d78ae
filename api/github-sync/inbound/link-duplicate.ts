import { findReportMarker, repoOfIssue } from '../client/github.schemas.ts';
import { findProgramsOfRepo, findReportByIssue } from './find-report-by-issue.ts';
import { importGithubIssue } from './import-github-issue.ts';
import type { InboundSettings, Tx } from './inbound-context.ts';
import { GithubReadNeeded, type Reads } from './read-before-apply.ts';

// GitHub's own wording when engineering closes an issue as a duplicate from a comment.
const duplicateOf = /\bduplicate of #(\d+)\b/gi;

/** The issue number the text names as canonical ("Duplicate of #N"), the last one when several. */
export function findDuplicateOf(body: string | null | undefined): number | null {
  const matches = [...(body ?? '').matchAll(duplicateOf)];
  const last = matches.at(-1)?.[1];
  return last ? Number(last) : null;
}

/**
 * Links a report closed as duplicate to the report of its original issue. GitHub's own record
 * decides when GitHub could be asked (`original`, read before the transaction: "Close as duplicate"
 * and "Duplicate of #N" comments both mark the timeline, a reopen ends the mark); when it could not,
 * the newest "Duplicate of #N" comment by engineering names it (a passer-by's comment, kept as a
 * team note, does not decide where a report belongs). An original in the same repository opened
 * directly on GitHub and not yet known is fetched and imported first; one in another repository
 * counts only when it is a report of the same program. A duplicate with no original is left
 * unlinked (see README decision 49). Returns what changed, or null when nothing did.
 */
export async function linkDuplicate(options: {
  tx: Tx;
  reportId: string;
  settings: InboundSettings;
  /** What was read from GitHub before the transaction (read-before-apply.ts). */
  reads: Reads;
}) {
  const { tx, reportId, settings, reads } = options;
  const { original } = reads;
  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { status: true, duplicateOfId: true, issueRepo: true, issueNumber: true, programId: true },
  });
  if (report.status !== 'duplicate' || !report.issueRepo) return null;
  if (original.kind === 'not_read') throw new GithubReadNeeded({ what: 'original' });

  const named =
    original.kind === 'answered'
      ? original.original
      : await newestDuplicateComment(tx, reportId).then((number) => number && { repo: report.issueRepo!, number });
  if (!named) {
    if (original.kind !== 'answered' || report.duplicateOfId === null) return null;
    await tx.report.update({ where: { id: reportId }, data: { duplicateOfId: null }, select: { id: true } });
    return 'no original recorded on GitHub: duplicate link cleared';
  }
  const sameRepo = named.repo.toLowerCase() === report.issueRepo.toLowerCase();
  if (sameRepo && named.number === report.issueNumber) return null;

  const found = await findReportByIssue(tx, named.repo, named.number);
  const canonicalId =
    found && (sameRepo || (await sameProgram(tx, found, report.programId)))
      ? found
      : !found && sameRepo
        ? await importCanonical(tx, { number: named.number, settings, reads })
        : null;
  if (!canonicalId || canonicalId === reportId || canonicalId === report.duplicateOfId) return null;
  await tx.report.update({ where: { id: reportId }, data: { duplicateOfId: canonicalId }, select: { id: true } });
  await tx.reportEvent.create({
    data: {
      reportId,
      kind: 'duplicate_of',
      data: { reportId: canonicalId, issueRepo: named.repo, issueNumber: named.number },
    },
    select: { id: true },
  });
  return `duplicate of ${sameRepo ? '' : named.repo}#${named.number}`;
}

/** The issue number the newest "Duplicate of #N" comment by engineering names, if any. */
async function newestDuplicateComment(tx: Tx, reportId: string): Promise<number | null> {
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
  return comments.map((comment) => findDuplicateOf(comment.body)).find((found) => found !== null) ?? null;
}

async function sameProgram(tx: Tx, reportId: string, programId: string): Promise<boolean> {
  const other = await tx.report.findUnique({ where: { id: reportId }, select: { programId: true } });
  return other?.programId === programId;
}

async function importCanonical(
  tx: Tx,
  options: { number: number; settings: InboundSettings; reads: Reads },
): Promise<string | null> {
  const { settings, reads } = options;
  if (!settings.github) return null;
  const issue = reads.issue(options.number);
  if (!issue) return null;
  // A Fieldtest issue whose report is not linked yet (its create is pending) is the outbound sync's to link.
  if (findReportMarker(issue.body)) return null;
  const programs = await findProgramsOfRepo(tx, repoOfIssue(issue));
  const imported = await importGithubIssue({ tx, programs, issue, settings, refetch: () => issue });
  return imported.kind === 'ignored' ? null : imported.reportId;
}
