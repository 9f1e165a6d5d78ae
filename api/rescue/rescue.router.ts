import { createRouter } from '../lib/create-router.ts';
import * as handlers from './rescue.handlers.ts';
import * as routes from './rescue.routes.ts';

export const rescueRouter = createRouter()
  .openapi(routes.listRescueRoute, handlers.listRescueHandler)
  .openapi(routes.requestRescueRoute, handlers.requestRescueHandler)
  .openapi(routes.readRescueStatsRoute, handlers.readRescueStatsHandler);
