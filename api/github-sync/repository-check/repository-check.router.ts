import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './repository-check.handlers.ts';
import * as routes from './repository-check.routes.ts';

export const repositoryCheckRouter = createRouter()
  .openapi(routes.readRepositoryCheckRoute, handlers.readRepositoryCheckHandler)
  .openapi(routes.runRepositoryCheckRoute, handlers.runRepositoryCheckHandler);
