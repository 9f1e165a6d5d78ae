import { createRouter } from '../lib/create-router.ts';
import * as handlers from './data-rights.handlers.ts';
import * as routes from './data-rights.routes.ts';

export const dataRightsRouter = createRouter()
  .openapi(routes.exportMyDataRoute, handlers.exportMyDataHandler)
  .openapi(routes.eraseMyAccountRoute, handlers.eraseMyAccountHandler)
  .openapi(routes.exportMvpDataRoute, handlers.exportMvpDataHandler)
  .openapi(routes.eraseMvpAccountRoute, handlers.eraseMvpAccountHandler);
