import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './sync-health.handlers.ts';
import * as routes from './sync-health.routes.ts';

export const syncHealthRouter = createRouter()
  .openapi(routes.readSyncHealthRoute, handlers.readSyncHealthHandler)
  .openapi(routes.retrySyncJobRoute, handlers.retrySyncJobHandler);
