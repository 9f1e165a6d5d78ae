import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError, type FieldError } from '../lib/app-error.ts';
import { checkAttachments } from '../lib/check-attachments.ts';
import { assertReportVisible } from '../lib/report-access.ts';
import type { Report } from '../lib/report-schemas.ts';
import { compactEnvironment, readReport, toReport } from '../lib/report-view.ts';
import { type Bucket, secondsUntilToken, takeTokenStatement } from '../lib/token-bucket.ts';
import { isUniqueViolation } from '../lib/unique-violation.ts';
import { uuid7 } from '../lib/uuid7.ts';
import { lockReleaseForFiling } from './lock-release-for-filing.ts';
import { type fileReportBody, filingLimits } from './reports.schemas.ts';

type Tx = Prisma.TransactionClient;
type FileReportOptions = { prisma: PrismaClient; user: SessionUser } & z.output<typeof fileReportBody>;

/**
 * Files a bug report: the report, its attachments, the first event of its timeline, its GitHub sync
 * job and the end of the reporter's draft, in one transaction of two statements (the release's
 * lock and facts, then every row at once), since filing is what reporters wait on. The client's key
 * makes a retry safe: the same reporter and key give back the report already filed
 * (`created: false`), even when both attempts race, and even once the release has stopped taking
 * reports or the reporter's filing allowance is spent.
 *
 * Each new report takes a token from the reporter's filing bucket (`filingLimits`), in the same
 * statement as the rows: every report becomes a GitHub issue, and the program's budget of issue
 * creations is shared. A token is spent only by a filing that commits, so a retry never costs one.
 */
export async function fileReport(options: FileReportOptions): Promise<{ report: Report; created: boolean }> {
  const { prisma, user, clientKey } = options;
  try {
    return { report: await prisma.$transaction((tx) => createReport(tx, options)), created: true };
  } catch (error) {
    // The key was used before (a retry), or by an attempt running alongside: that report stands.
    if (isUniqueViolation(error) || error instanceof AppError) {
      const earlier = await findFiled(prisma, user, clientKey);
      if (earlier) return { report: earlier, created: false };
    }
    throw error;
  }
}

async function findFiled(prisma: PrismaClient, user: SessionUser, clientKey: string): Promise<Report | null> {
  const row = await prisma.report.findFirst({
    where: { reporterId: user.id, clientKey },
    select: { id: true },
  });
  if (!row) return null;
  // A retry reads the report like any other read: an MVP removed meanwhile gets 404.
  await assertReportVisible(prisma, user, row.id);
  return readReport(prisma, row.id);
}

type InsertedReport = Omit<Report, 'environment' | 'attachments' | 'createdAt' | 'updatedAt'> & {
  environment: unknown;
  createdAt: Date;
  updatedAt: Date;
  attached: { id: string; fileName: string; contentType: string; size: number }[];
};

function filingBucket(user: SessionUser): Bucket {
  const limit = user.role === 'mvp' ? filingLimits.mvp : filingLimits.staff;
  return { key: `filing:${user.id}`, capacity: limit.burst, perSecond: limit.perHour / 3600 };
}

async function refuseFiling(tx: Tx, bucket: Bucket): Promise<never> {
  const seconds = await secondsUntilToken(tx, bucket);
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  throw new AppError('rate_limited', {
    detail:
      `You have filed ${bucket.capacity} reports in a short time, the most at once. Your draft is kept: file it ` +
      `again in about ${minutes} minute${minutes === 1 ? '' : 's'}. Each report becomes a GitHub issue, and ` +
      "the program's GitHub allowance is shared by everyone testing.",
    retryAfterSeconds: seconds,
  });
}

async function createReport(tx: Tx, options: FileReportOptions): Promise<Report> {
  const { user, releaseId, attachmentIds } = options;
  const { programId, components } = await lockReleaseForFiling(tx, {
    user,
    releaseId,
    notFound: 'No such release.',
    field: 'releaseId',
  });
  const fields: FieldError[] = [];
  const component = pickComponent(options.component, components, fields);
  if (fields.length) throw new AppError('validation', { detail: 'Invalid body.', fields });

  const source = user.role === 'mvp' ? 'customer' : 'internal';
  const reportId = uuid7();
  const environment = JSON.stringify(compactEnvironment(options.environment));
  const bucket = filingBucket(user);
  // Arrays travel as text: not every driver adapter sends array parameters.
  // Only files of the reporter's that are still unattached are taken: someone filing alongside may
  // have taken one since the form was sent; then nothing of this statement stands (below).
  // Without a token from the bucket nothing is inserted and no row comes back. A retry's insert
  // fails on its key, which undoes the token's taking with the rest of the statement.
  const [report] = await tx.$queryRaw<InsertedReport[]>`
    with token as (${takeTokenStatement(bucket)}
    ), report as (
      insert into "Report" (id, "programId", "releaseId", "reporterId", source, title, steps, expected, actual,
                            severity, component, environment, "clientKey", "issueLabels", "createdAt", "updatedAt")
      select ${reportId}::uuid, ${programId}::uuid, ${releaseId}::uuid, ${user.id}::uuid,
             ${source}::"ReportSource", ${options.title}, ${options.steps}, ${options.expected}, ${options.actual},
             ${options.severity}::"Severity", ${component}, ${environment}::jsonb, ${options.clientKey},
             '{}', now(), now()
        from token
      returning id, "programId", "releaseId", title, steps, expected, actual, severity, component, environment,
                source, status, priority, "createdAt", "updatedAt"
    ), event as (
      insert into "ReportEvent" (id, "reportId", kind, "actorId", data, "createdAt")
      select ${uuid7()}::uuid, id, 'filed', ${user.id}::uuid, jsonb_build_object('source', source), now() from report
    ), job as (
      -- Its GitHub issue is created by the sync's workers, from this job committed with the report;
      -- it takes the reporter's turn (claim-sync-jobs.ts).
      insert into "SyncJob" (id, kind, key, "programId", "reportId", "turnKey", "runAfter", "createdAt", "updatedAt")
      select ${uuid7()}::uuid, 'create_issue', 'create_issue:' || id, "programId", id, ${user.id}::uuid, now(), now(), now()
        from report
    ), draft as (
      delete from "ReportDraft" where "userId" = ${user.id}::uuid
    ), attached as (
      update "Attachment" a set "reportId" = report.id from report
       where a.id = any(string_to_array(${attachmentIds.join(',')}, ',')::uuid[]) and a."uploaderId" = ${user.id}::uuid and a."reportId" is null
      returning a.id, a."fileName", a."contentType", a.size
    )
    select report.*,
           coalesce((select json_agg(attached order by attached.id) from attached), '[]'::json) as attached
      from report`;
  if (!report) return refuseFiling(tx, bucket);
  if (report.attached.length !== attachmentIds.length) {
    const late: FieldError[] = [];
    await checkAttachments(tx, { userId: user.id, ids: attachmentIds, fields: late, reportId });
    throw new AppError('validation', { detail: 'Invalid body.', fields: late });
  }
  const { attached, ...row } = report;
  return toReport({ ...row, environment: row.environment as Prisma.JsonValue }, attached);
}

/** The program's own spelling of the component chosen (ignoring case); required when it has any. */
function pickComponent(given: string | null, components: string[], fields: FieldError[]): string | null {
  if (!components.length) {
    if (given) fields.push({ field: 'component', message: 'This program has no components; leave it empty' });
    return null;
  }
  if (!given) {
    fields.push({ field: 'component', message: 'Choose a component' });
    return null;
  }
  const match = components.find((component) => component.toLowerCase() === given.toLowerCase());
  if (!match) fields.push({ field: 'component', message: "Choose one of the program's components" });
  return match ?? null;
}
