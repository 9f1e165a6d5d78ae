import type { AppRouteHandler } from '../lib/app-context.ts';
import { addComment } from './add-comment.ts';
import { listProgramReports } from './list-program-reports.ts';
import { readReport } from './read-report.ts';
import type { addCommentRoute, listProgramReportsRoute, readReportRoute } from './report-views.routes.ts';

export const readReportHandler: AppRouteHandler<typeof readReportRoute> = async (c) =>
  c.json(await readReport({ prisma: c.var.deps.prisma, user: c.var.user, id: c.req.valid('param').id }), 200);

export const addCommentHandler: AppRouteHandler<typeof addCommentRoute> = async (c) => {
  const comment = await addComment({
    prisma: c.var.deps.prisma,
    user: c.var.user,
    id: c.req.valid('param').id,
    ...c.req.valid('json'),
  });
  if (comment.visibility === 'public') c.var.deps.sync.wake();
  return c.json(comment, 201);
};

export const listProgramReportsHandler: AppRouteHandler<typeof listProgramReportsRoute> = async (c) =>
  c.json(
    await listProgramReports({
      prisma: c.var.deps.prisma,
      user: c.var.user,
      programId: c.req.valid('param').id,
      query: c.req.valid('query'),
    }),
    200,
  );
