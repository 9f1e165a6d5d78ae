import { createRouter } from '../lib/create-router.ts';
import * as handlers from './setup.handlers.ts';
import * as routes from './setup.routes.ts';

export const setupRouter = createRouter()
  .openapi(routes.setupStatusRoute, handlers.setupStatusHandler)
  .openapi(routes.createFirstAdminRoute, handlers.createFirstAdminHandler);
