import { createRouter } from '../lib/create-router.ts';
import * as handlers from './reports.handlers.ts';
import * as routes from './reports.routes.ts';

export const reportsRouter = createRouter()
  .openapi(routes.fileReportRoute, handlers.fileReportHandler)
  .openapi(routes.findSimilarReportsRoute, handlers.findSimilarReportsHandler)
  .openapi(routes.addMeTooRoute, handlers.addMeTooHandler)
  .openapi(routes.getReportDraftRoute, handlers.getReportDraftHandler)
  .openapi(routes.saveReportDraftRoute, handlers.saveReportDraftHandler)
  .openapi(routes.deleteReportDraftRoute, handlers.deleteReportDraftHandler)
  .openapi(routes.listMyReportsRoute, handlers.listMyReportsHandler);
