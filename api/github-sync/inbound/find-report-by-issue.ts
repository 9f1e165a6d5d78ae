import { findReportMarker } from '../client/github.schemas.ts';
import { type InboundProgram, inboundProgramSelect, type Tx } from './inbound-context.ts';

// GitHub compares repository names without regard to case, and so do we: a program lead may type
// `Acme/Desktop` where GitHub says `acme/desktop`.

/** The report linked to the issue `repo#number`, if any. */
export async function findReportByIssue(tx: Tx, repo: string, number: number): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    select id from "Report" where "issueNumber" = ${number} and lower("issueRepo") = lower(${repo}) limit 1`;
  return row?.id ?? null;
}

/** The programs whose repository this is, oldest first. */
export async function findProgramsOfRepo(tx: Tx, repo: string): Promise<InboundProgram[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    select id from "Program" where lower("githubRepo") = lower(${repo}) order by id`;
  if (!rows.length) return [];
  return tx.program.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    select: inboundProgramSelect,
    orderBy: { id: 'asc' },
  });
}

export async function programOfReport(tx: Tx, reportId: string): Promise<InboundProgram> {
  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { program: { select: inboundProgramSelect } },
  });
  return report.program;
}

/**
 * What an issue without a linked report is: the twin of a report whose create is not committed
 * yet (its marker names it), an issue Fieldtest made whose marker was edited away (it still carries
 * the `source:` label only Fieldtest sets), or one opened directly on GitHub.
 */
export async function classifyUnlinkedIssue(
  tx: Tx,
  issue: { body?: string | null; labels: { name: string }[] },
): Promise<
  { kind: 'pending_create'; reportId: string } | { kind: 'foreign' | 'ours'; reason: string } | { kind: 'direct' }
> {
  const marker = findReportMarker(issue.body);
  if (marker) {
    const report = await tx.report.findUnique({
      where: { id: marker },
      select: { id: true, issueRepo: true, issueNumber: true },
    });
    if (!report) return { kind: 'foreign', reason: `its marker names report ${marker}, which does not exist here` };
    if (report.issueNumber === null) return { kind: 'pending_create', reportId: report.id };
    return {
      kind: 'ours',
      reason: `its marker names report ${marker}, linked to ${report.issueRepo}#${report.issueNumber}`,
    };
  }
  if (issue.labels.some((label) => /^source: (customer|internal)$/i.test(label.name))) {
    return { kind: 'ours', reason: 'it carries a source label that only Fieldtest sets, but no marker' };
  }
  return { kind: 'direct' };
}
