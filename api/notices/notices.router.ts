import { createRouter } from '../lib/create-router.ts';
import * as handlers from './notices.handlers.ts';
import * as routes from './notices.routes.ts';

export const noticesRouter = createRouter()
  .openapi(routes.getNoticePreferencesRoute, handlers.getNoticePreferencesHandler)
  .openapi(routes.updateNoticePreferencesRoute, handlers.updateNoticePreferencesHandler);
