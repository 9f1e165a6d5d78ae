import type { Tx } from './inbound-context.ts';

/**
 * A deleted issue cannot be triaged any more: its report ends as not planned, and keeps the time
 * the issue went. A second delivery of the deletion changes nothing.
 */
export async function markIssueDeleted(tx: Tx, options: { reportId: string; at: Date }): Promise<boolean> {
  const { reportId } = options;
  await tx.$queryRaw`select id from "Report" where id = ${reportId}::uuid for no key update`;
  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { status: true, issueDeletedAt: true, issueRepo: true, issueNumber: true },
  });
  if (report.issueDeletedAt) return false;
  await tx.report.update({
    where: { id: reportId },
    data: { issueDeletedAt: options.at, status: 'not_planned', fixedAt: null },
    select: { id: true },
  });
  await tx.reportEvent.create({
    data: {
      reportId,
      kind: 'deleted',
      data: { from: report.status, issueRepo: report.issueRepo, issueNumber: report.issueNumber },
    },
    select: { id: true },
  });
  return true;
}
