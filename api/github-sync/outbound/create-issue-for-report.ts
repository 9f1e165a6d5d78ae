import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { uuid7 } from '../../lib/uuid7.ts';
import { type GithubIssue, githubIssueSchema, repoOfIssue, reportMarker } from '../client/github.schemas.ts';
import { successCtes } from '../client/record-github-success.ts';
import { GithubCallError, LeaseLost, type PendingSuccess, sendWrite } from './github-call.ts';
import { fitTitle } from './github-limits.ts';
import { neutraliseGithubText } from './neutralise-github-text.ts';
import { publicHandle } from './public-handle.ts';
import { renderIssueBody } from './render-issue-body.ts';
import { searchGithubPages } from './search-github-pages.ts';
import type { SyncJobContext } from './sync-job-context.ts';

type ReportForIssue = {
  id: string;
  title: string;
  steps: string;
  expected: string;
  actual: string;
  severity: string | null;
  component: string | null;
  environment: unknown;
  source: string;
  issueNumber: number | null;
  githubRepo: string;
  programLabels: string[];
  releaseVersion: string;
  releaseBuild: string;
  reporterRole: string | null;
  mvpHandle: string | null;
  attachments: { fileName: string }[];
};

/**
 * Everything the issue is made of, in one query rather than one per relation. Lists come back as
 * JSON, which both databases' drivers read alike.
 */
async function readReportForIssue(prisma: PrismaClient, reportId: string): Promise<ReportForIssue | null> {
  const [report] = await prisma.$queryRaw<ReportForIssue[]>`
    select r.id::text as id, r.title, r.steps, r.expected, r.actual, r.severity::text as severity, r.component,
      r.environment, r.source::text as source, r."issueNumber",
      p."githubRepo", to_jsonb(p."issueLabels") as "programLabels",
      rl.version as "releaseVersion", rl.build as "releaseBuild",
      u.role::text as "reporterRole", m.handle as "mvpHandle",
      coalesce((
        select jsonb_agg(jsonb_build_object('fileName', a."fileName") order by a."createdAt")
        from "Attachment" a where a."reportId" = r.id and a."finderId" is null), '[]'::jsonb) as attachments
    from "Report" r
    join "Program" p on p.id = r."programId"
    join "Release" rl on rl.id = r."releaseId"
    left join "User" u on u.id = r."reporterId"
    left join "MvpProfile" m on m."userId" = u.id
    where r.id = ${reportId}::uuid`;
  return report ?? null;
}

// How far before the first send an issue's `updated_at` may lie and still be ours: clocks differ.
const clockSlackMs = 5 * 60_000;

/**
 * Creates the report's GitHub issue exactly once. A create whose outcome is unknown (firstSentAt
 * set: a timeout, a 5xx, a lost answer, a crash) is looked for first, by its marker, in the
 * repository's issues listed newest first (not the search API, whose index lags); only when it
 * is not there is the issue created, with no transport retry. Linking is conditional on the report
 * having no issue yet, so two processes can never link two issues. True when the job was ended
 * with the link; false when there was nothing to do (the caller ends it).
 */
export async function createIssueForReport(context: SyncJobContext): Promise<boolean> {
  const { prisma, github, job } = context;
  const report = await readReportForIssue(prisma, job.reportId);
  if (!report || report.issueNumber !== null) return false;
  const [owner, repo] = report.githubRepo.split('/');
  if (!owner || !repo) {
    throw new GithubCallError(
      {
        kind: 'rejected',
        status: 0,
        reason: `the program's repository "${report.githubRepo}" is not owner/name`,
      },
      null,
    );
  }
  if (job.firstSentAt) {
    const found = await findIssueByMarker(context, { owner, repo, reportId: report.id, sentAt: job.firstSentAt });
    if (found) {
      context.logger.info({ reportId: report.id, issueNumber: found.number }, 'found the issue of an earlier create');
      await linkIssue(context, found);
      return true;
    }
  }
  const labels = [...report.programLabels, `source: ${report.source}`, `release: ${report.releaseVersion}`].map(
    (label) => label.slice(0, 50),
  );
  const body = renderIssueBody({
    id: report.id,
    steps: report.steps,
    expected: report.expected,
    actual: report.actual,
    severity: report.severity,
    component: report.component,
    environment: report.environment,
    releaseVersion: report.releaseVersion,
    releaseBuild: report.releaseBuild,
    attachments: report.attachments,
    handle: publicHandle(reporterOf(report)),
    portalUrl: context.env.publicUrl,
  });
  await sendWrite(
    context,
    () =>
      github.octokit.rest.issues.create({
        owner,
        repo,
        title: fitTitle(neutraliseGithubText(report.title)),
        body,
        labels,
      }),
    async (answer, success) => {
      const issue = githubIssueSchema.parse(answer.data);
      context.logger.info({ reportId: report.id, issueNumber: issue.number }, 'issue created');
      await linkIssue(context, issue, success);
    },
  );
  return true;
}

/** The reporter as `publicHandle` reads it (none for reports whose reporter is gone). */
function reporterOf(report: ReportForIssue) {
  if (report.reporterRole === null) return null;
  return { role: report.reporterRole, mvpProfile: report.mvpHandle === null ? null : { handle: report.mvpHandle } };
}

/** The report's issue among those created since shortly before the first send, newest first. */
async function findIssueByMarker(
  context: SyncJobContext,
  options: { owner: string; repo: string; reportId: string; sentAt: Date },
): Promise<GithubIssue | null> {
  const { octokit } = context.github;
  const since = new Date(options.sentAt.getTime() - clockSlackMs);
  const marker = reportMarker(options.reportId);
  const listing = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner: options.owner,
    repo: options.repo,
    state: 'all',
    since: since.toISOString(),
    sort: 'created',
    direction: 'desc',
    per_page: 100,
  });
  return searchGithubPages(context, listing, (raw) => {
    const issue = githubIssueSchema.parse(raw);
    if (issue.pull_request) return undefined;
    if (issue.body?.trimEnd().endsWith(marker)) return issue;
    // Sorted by creation: anything created before the first send cannot be ours.
    return new Date(issue.created_at).getTime() < since.getTime() ? null : undefined;
  });
}

/**
 * Ends the job and records the issue on the report, in one statement (atomic on its own): the job
 * is marked done only while we hold its lease, and the report is linked only then and only while
 * it has no issue. With it: status new → synced, the `synced` timeline event, and the comments
 * written before the issue existed are woken (they wait for it). The create's answer, when it was
 * just sent, is recorded by the same statement whatever else it finds.
 */
async function linkIssue(context: SyncJobContext, issue: GithubIssue, success?: PendingSuccess): Promise<void> {
  const { prisma, job, owner } = context;
  const issueUrl = issue.html_url;
  const now = new Date();
  const recording = success ? Prisma.sql`${successCtes(success.updates)}, ` : Prisma.empty;
  const [settled] = await prisma.$queryRaw<{ done: number; linked: number }[]>`
    with ${recording}done as (
      update "SyncJob" set status = 'done', "doneAt" = ${now}::timestamp(3), "leaseOwner" = null, "leaseUntil" = null,
        "updatedAt" = ${now}::timestamp(3)
      where id = ${job.id}::uuid and "leaseOwner" = ${owner} and status = 'running'
      returning id
    ), linked as (
      update "Report" set "issueRepo" = ${repoOfIssue(issue)}, "issueNumber" = ${issue.number},
        "issueId" = ${String(issue.id)}::bigint, "issueUrl" = ${issueUrl}, "issueState" = ${issue.state},
        "issueStateReason" = ${issue.state_reason ?? null},
        "issueLabels" = array(select jsonb_array_elements_text(${JSON.stringify(issue.labels.map((label) => label.name))}::jsonb)),
        "issueUpdatedAt" = ${new Date(issue.updated_at)}::timestamp(3),
        status = case when status = 'new' then 'synced' else status end,
        "updatedAt" = ${now}::timestamp(3)
      where id = ${job.reportId}::uuid and "issueNumber" is null and exists (select from done)
      returning id
    ), event as (
      insert into "ReportEvent" (id, "reportId", kind, data, "createdAt")
      select ${uuid7()}::uuid, id, 'synced', ${JSON.stringify({ issueNumber: issue.number, issueUrl })}::jsonb,
        ${now}::timestamp(3)
      from linked
    ), comments as (
      update "SyncJob" set "runAfter" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
      where "reportId" in (select id from linked) and kind = 'post_comment' and status = 'pending'
    )
    select (select count(*) from done)::int as done, (select count(*) from linked)::int as linked`;
  success?.recorded();
  if (settled?.done !== 1) throw new LeaseLost(job.id);
  const linked = settled.linked === 1;
  if (!linked) {
    const current = await prisma.report.findUnique({ where: { id: job.reportId }, select: { issueNumber: true } });
    if (current && current.issueNumber !== issue.number) {
      context.logger.warn(
        { reportId: job.reportId, issueNumber: issue.number, linkedIssueNumber: current.issueNumber },
        'the report was already linked to another issue',
      );
    }
  }
}
