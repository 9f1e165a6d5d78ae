import { createRouter } from '../lib/create-router.ts';
import * as handlers from './releases.handlers.ts';
import * as routes from './releases.routes.ts';

export const releasesRouter = createRouter()
  .openapi(routes.listReleasesRoute, handlers.listReleasesHandler)
  .openapi(routes.createReleaseRoute, handlers.createReleaseHandler)
  .openapi(routes.getReleaseRoute, handlers.getReleaseHandler)
  .openapi(routes.updateReleaseRoute, handlers.updateReleaseHandler);
