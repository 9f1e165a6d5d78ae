import type { AppRouteHandler } from '../lib/app-context.ts';
import { addMeToo } from './add-me-too.ts';
import { deleteReportDraft } from './delete-report-draft.ts';
import { fileReport } from './file-report.ts';
import { findSimilarReports } from './find-similar-reports.ts';
import { getReportDraft } from './get-report-draft.ts';
import { listMyReports } from './list-my-reports.ts';
import type {
  addMeTooRoute,
  deleteReportDraftRoute,
  fileReportRoute,
  findSimilarReportsRoute,
  getReportDraftRoute,
  listMyReportsRoute,
  saveReportDraftRoute,
} from './reports.routes.ts';
import { saveReportDraft } from './save-report-draft.ts';

export const fileReportHandler: AppRouteHandler<typeof fileReportRoute> = async (c) => {
  const { user } = c.var;
  const { report, created } = await fileReport({ prisma: c.var.deps.prisma, user, ...c.req.valid('json') });
  if (!created) return c.json(report, 200);
  c.var.logger.info(
    { reportId: report.id, releaseId: report.releaseId, by: user.id, source: report.source },
    'report filed',
  );
  c.var.deps.sync.wake();
  return c.json(report, 201);
};

export const findSimilarReportsHandler: AppRouteHandler<typeof findSimilarReportsRoute> = async (c) => {
  const items = await findSimilarReports({
    prisma: c.var.deps.prisma,
    user: c.var.user,
    releaseId: c.req.valid('param').id,
    ...c.req.valid('json'),
  });
  return c.json({ items }, 200);
};

export const addMeTooHandler: AppRouteHandler<typeof addMeTooRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const report = await addMeToo({ prisma: c.var.deps.prisma, user: c.var.user, reportId: id, ...c.req.valid('json') });
  c.var.logger.info({ reportId: id, by: c.var.user.id }, 'me too');
  return c.json(report, 201);
};

export const getReportDraftHandler: AppRouteHandler<typeof getReportDraftRoute> = async (c) =>
  c.json({ draft: await getReportDraft({ prisma: c.var.deps.prisma, userId: c.var.user.id }) }, 200);

export const saveReportDraftHandler: AppRouteHandler<typeof saveReportDraftRoute> = async (c) => {
  const draft = await saveReportDraft({ prisma: c.var.deps.prisma, userId: c.var.user.id, ...c.req.valid('json') });
  return c.json({ draft }, 200);
};

export const deleteReportDraftHandler: AppRouteHandler<typeof deleteReportDraftRoute> = async (c) => {
  await deleteReportDraft({ prisma: c.var.deps.prisma, userId: c.var.user.id });
  return c.body(null, 204);
};

export const listMyReportsHandler: AppRouteHandler<typeof listMyReportsRoute> = async (c) =>
  c.json(await listMyReports({ prisma: c.var.deps.prisma, user: c.var.user, ...c.req.valid('query') }), 200);
