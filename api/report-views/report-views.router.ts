import { createRouter } from '../lib/create-router.ts';
import * as handlers from './report-views.handlers.ts';
import * as routes from './report-views.routes.ts';

export const reportViewsRouter = createRouter()
  .openapi(routes.readReportRoute, handlers.readReportHandler)
  .openapi(routes.addCommentRoute, handlers.addCommentHandler)
  .openapi(routes.listProgramReportsRoute, handlers.listProgramReportsHandler);
