import { findReportByIssue } from './find-report-by-issue.ts';
import type { Tx } from './inbound-context.ts';

/**
 * Follows a transferred issue to its new repository and number. When a report already stands for
 * the issue's new place (imported there before the transfer was seen), the report stays where it is
 * and false is returned, so that one issue never has two reports.
 */
export async function moveIssue(
  tx: Tx,
  options: { reportId: string; to: { repo: string; number: number; id: number; url: string } },
): Promise<boolean> {
  const { reportId, to } = options;
  const occupant = await findReportByIssue(tx, to.repo, to.number);
  if (occupant && occupant !== reportId) return false;
  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { issueRepo: true, issueNumber: true },
  });
  if (occupant === reportId && report.issueRepo === to.repo) return false;
  await tx.report.update({
    where: { id: reportId },
    data: { issueRepo: to.repo, issueNumber: to.number, issueId: BigInt(to.id), issueUrl: to.url },
    select: { id: true },
  });
  await tx.reportEvent.create({
    data: {
      reportId,
      kind: 'moved',
      data: {
        fromRepo: report.issueRepo,
        fromNumber: report.issueNumber,
        toRepo: to.repo,
        toNumber: to.number,
        url: to.url,
      },
    },
    select: { id: true },
  });
  return true;
}
