import { createRouter } from '../lib/create-router.ts';
import * as handlers from './stats.handlers.ts';
import * as routes from './stats.routes.ts';

export const statsRouter = createRouter()
  .openapi(routes.readReleaseStatsRoute, handlers.readReleaseStatsHandler)
  .openapi(routes.readProgramStatsRoute, handlers.readProgramStatsHandler)
  .openapi(routes.listClustersRoute, handlers.listClustersHandler)
  .openapi(routes.readReleaseLeaderboardRoute, handlers.readReleaseLeaderboardHandler)
  .openapi(routes.readProgramLeaderboardRoute, handlers.readProgramLeaderboardHandler)
  .openapi(routes.readMyRecognitionRoute, handlers.readMyRecognitionHandler)
  .openapi(routes.setLeaderboardVisibilityRoute, handlers.setLeaderboardVisibilityHandler);
