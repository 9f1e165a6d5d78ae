import type { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError, type FieldError } from '../lib/app-error.ts';
import { assertReportVisible } from '../lib/report-access.ts';
import { lockReleaseForFiling } from './lock-release-for-filing.ts';
import { attachmentSummarySelect, compactEnvironment, readReport, reportSelect, toReport } from './report-view.ts';
import type { fileReportBody, Report } from './reports.schemas.ts';

type Tx = Prisma.TransactionClient;
type FileReportOptions = { prisma: PrismaClient; user: SessionUser } & z.output<typeof fileReportBody>;

/**
 * Files a bug report: the report, its attachments, the first event of its timeline, and the end of
 * the reporter's draft, in one transaction. The client's key makes a retry safe: the same reporter
 * and key give back the report already filed (`created: false`), even when both attempts race.
 */
export async function fileReport(options: FileReportOptions): Promise<{ report: Report; created: boolean }> {
  const { prisma, user, clientKey } = options;
  const earlier = await findFiled(prisma, user, clientKey);
  if (earlier) return { report: earlier, created: false };
  try {
    return { report: await prisma.$transaction((tx) => createReport(tx, options)), created: true };
  } catch (error) {
    // Two attempts with one key at once: the unique key let one through; that one stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const winner = await findFiled(prisma, user, clientKey);
      if (winner) return { report: winner, created: false };
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
  const attachments = await checkAttachments(tx, { userId: user.id, ids: attachmentIds, fields });
  if (fields.length) throw new AppError('validation', { detail: 'Invalid body.', fields });

  const source = user.role === 'mvp' ? 'customer' : 'internal';
  const report = await tx.report.create({
    data: {
      programId,
      releaseId,
      reporterId: user.id,
      source,
      title: options.title,
      steps: options.steps,
      expected: options.expected,
      actual: options.actual,
      severity: options.severity,
      component,
      environment: compactEnvironment(options.environment),
      clientKey: options.clientKey,
    },
    select: reportSelect,
  });
  if (attachmentIds.length) {
    // Only files still unattached: a filing running alongside may have taken one since the check.
    const attached = await tx.attachment.updateMany({
      where: { id: { in: attachmentIds }, uploaderId: user.id, reportId: null },
      data: { reportId: report.id },
    });
    if (attached.count !== attachmentIds.length) {
      const late: FieldError[] = [];
      await checkAttachments(tx, { userId: user.id, ids: attachmentIds, fields: late, reportId: report.id });
      throw new AppError('validation', { detail: 'Invalid body.', fields: late });
    }
  }
  await tx.reportEvent.create({
    data: { reportId: report.id, kind: 'filed', actorId: user.id, data: { source } },
    select: { id: true },
  });
  // Its GitHub issue is created by the sync's workers, from this job committed with the report.
  await tx.syncJob.create({
    data: { kind: 'create_issue', key: `create_issue:${report.id}`, programId, reportId: report.id },
    select: { id: true },
  });
  await tx.reportDraft.deleteMany({ where: { userId: user.id } });
  return toReport(report, attachments);
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

/**
 * Each file must be one the user uploaded and has not attached to a report (other than `reportId`).
 * Someone else's file reads as no file at all. Returns the files in upload order.
 */
async function checkAttachments(
  tx: Tx,
  options: { userId: string; ids: string[]; fields: FieldError[]; reportId?: string },
) {
  if (!options.ids.length) return [];
  const rows = await tx.attachment.findMany({
    where: { id: { in: options.ids } },
    select: { ...attachmentSummarySelect, uploaderId: true, reportId: true },
    orderBy: { id: 'asc' },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  options.ids.forEach((id, index) => {
    const row = byId.get(id);
    const field = `attachmentIds.${index}`;
    if (!row || row.uploaderId !== options.userId) options.fields.push({ field, message: 'No such file of yours' });
    else if (row.reportId !== null && row.reportId !== options.reportId)
      options.fields.push({ field, message: 'This file is attached to another report' });
  });
  return rows.map(({ uploaderId: _uploader, reportId: _report, ...summary }) => summary);
}
