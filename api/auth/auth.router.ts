import { createRouter } from '../lib/create-router.ts';
import * as handlers from './auth.handlers.ts';
import * as routes from './auth.routes.ts';

export const authRouter = createRouter()
  .openapi(routes.signInRoute, handlers.signInHandler)
  .openapi(routes.signOutRoute, handlers.signOutHandler)
  .openapi(routes.signOutEverywhereRoute, handlers.signOutEverywhereHandler)
  .openapi(routes.meRoute, handlers.meHandler)
  .openapi(routes.sessionRoute, handlers.sessionHandler)
  .openapi(routes.inspectLinkRoute, handlers.inspectLinkHandler)
  .openapi(routes.setPasswordRoute, handlers.setPasswordHandler)
  .openapi(routes.requestPasswordResetRoute, handlers.requestPasswordResetHandler);
