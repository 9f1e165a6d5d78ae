import { createRouter } from '../lib/create-router.ts';
import * as handlers from './mvp.handlers.ts';
import * as routes from './mvp.routes.ts';

export const mvpRouter = createRouter()
  .openapi(routes.listPendingTermsRoute, handlers.listPendingTermsHandler)
  .openapi(routes.acceptProgramTermsRoute, handlers.acceptProgramTermsHandler)
  .openapi(routes.getMvpProfileRoute, handlers.getMvpProfileHandler)
  .openapi(routes.updateMvpProfileRoute, handlers.updateMvpProfileHandler)
  .openapi(routes.listMyReleasesRoute, handlers.listMyReleasesHandler);
