import { likeLiteral } from '../../lib/like-pattern.ts';
import { type GithubIssue, repoOfIssue } from '../client/github.schemas.ts';
import { type ApplyOutcome, applyIssueState } from './apply-issue-state.ts';
import { findReportByIssue } from './find-report-by-issue.ts';
import { notAfterNow } from './github-time.ts';
import type { InboundProgram, InboundSettings, Tx } from './inbound-context.ts';

export type ImportOutcome =
  | { kind: 'imported'; reportId: string; programId: string; apply: ApplyOutcome }
  | { kind: 'exists'; reportId: string }
  | { kind: 'ignored'; reason: string };

type ReleaseChoice = { id: string; version: string; testStart: Date; testEnd: Date; status: string };

/**
 * An issue opened directly on GitHub becomes a report, so the statistics see what was found there:
 * `internal` with the author's login, unless the login is an MVP's linked GitHub account (then it is
 * that customer's report). Its creation time is the issue's, since the finder rule compares creation
 * times. The release is the one its `release: <version>` label names, else the one whose test window
 * contains its creation, else the latest that is not planned. One report per issue: the unique
 * (issueRepo, issueNumber) decides a race, and the loser reads the winner's report.
 */
export async function importGithubIssue(options: {
  tx: Tx;
  programs: InboundProgram[];
  issue: GithubIssue;
  settings: InboundSettings;
  /** The issue as GitHub has it now (see applyIssueState). */
  refetch: () => GithubIssue | null;
}): Promise<ImportOutcome> {
  const { tx, issue, settings } = options;
  const repo = repoOfIssue(issue);
  if (issue.pull_request !== undefined) return { kind: 'ignored', reason: 'pull requests are not reports' };
  const existing = await findReportByIssue(tx, repo, issue.number);
  if (existing) return { kind: 'exists', reportId: existing };

  const createdAt = notAfterNow(issue.created_at);
  const labels = issue.labels.map((label) => label.name);
  let choice: { program: InboundProgram; release: ReleaseChoice } | null = null;
  for (const program of options.programs) {
    const releases = await tx.release.findMany({
      where: { programId: program.id },
      select: { id: true, version: true, testStart: true, testEnd: true, status: true },
      orderBy: [{ testStart: 'desc' }, { id: 'desc' }],
    });
    const release = pickRelease(releases, labels, createdAt);
    if (release && (release.by === 'label' || !choice)) choice = { program, release: release.release };
    if (release?.by === 'label') break;
  }
  if (!choice) return { kind: 'ignored', reason: `no release of the program to file ${repo}#${issue.number} under` };

  const login = issue.user?.login ?? 'ghost';
  const customer = await tx.mvpProfile.findFirst({
    where: { githubLogin: { equals: likeLiteral(login), mode: 'insensitive' } },
    select: { userId: true },
  });
  // A staff member's mapped login makes the issue theirs; it stays an internal find.
  const staff = customer
    ? null
    : await tx.user.findFirst({
        where: { githubLogin: { equals: likeLiteral(login), mode: 'insensitive' } },
        select: { id: true },
      });
  const source = customer ? 'customer' : 'internal';
  const [created] = await tx.report.createManyAndReturn({
    data: [
      {
        programId: choice.program.id,
        releaseId: choice.release.id,
        reporterId: customer?.userId ?? staff?.id ?? null,
        reporterLogin: login,
        source,
        title: issue.title,
        steps: issue.body ?? '',
        expected: '',
        actual: '',
        severity: null,
        environment: {},
        status: 'synced',
        createdAt,
        issueRepo: repo,
        issueNumber: issue.number,
        issueId: BigInt(issue.id),
        issueUrl: issue.html_url,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created) {
    const winner = await findReportByIssue(tx, repo, issue.number);
    if (winner) return { kind: 'exists', reportId: winner };
    throw new Error(`Importing ${repo}#${issue.number} conflicted with a report that is not there`);
  }
  await tx.reportEvent.create({
    data: {
      reportId: created.id,
      kind: 'filed',
      actorId: customer?.userId ?? staff?.id ?? null,
      data: { source, via: 'github', login, issueNumber: issue.number, issueUrl: issue.html_url },
      createdAt,
    },
    select: { id: true },
  });
  const apply = await applyIssueState({
    tx,
    program: choice.program,
    issue,
    settings,
    reportId: created.id,
    refetch: options.refetch,
  });
  return { kind: 'imported', reportId: created.id, programId: choice.program.id, apply };
}

function pickRelease(
  releases: ReleaseChoice[],
  labels: string[],
  createdAt: Date,
): { release: ReleaseChoice; by: 'label' | 'window' | 'latest' } | null {
  const named = labels
    .map((label) => /^release:\s*(.+)$/i.exec(label.trim())?.[1]?.trim().toLowerCase())
    .filter((version): version is string => !!version);
  const byLabel = releases.find((release) => named.includes(release.version.toLowerCase()));
  if (byLabel) return { release: byLabel, by: 'label' };
  const at = createdAt.getTime();
  const byWindow = releases.find((release) => release.testStart.getTime() <= at && at <= release.testEnd.getTime());
  if (byWindow) return { release: byWindow, by: 'window' };
  const latest = releases.find((release) => release.status !== 'planned');
  return latest ? { release: latest, by: 'latest' } : null;
}
