import { createRouter } from '../lib/create-router.ts';
import * as handlers from './join.handlers.ts';
import * as routes from './join.routes.ts';

export const joinRouter = createRouter()
  .openapi(routes.inspectJoinLinkRoute, handlers.inspectJoinLinkHandler)
  .openapi(routes.applyToJoinRoute, handlers.applyToJoinHandler)
  .openapi(routes.inspectJoinConfirmationRoute, handlers.inspectJoinConfirmationHandler)
  .openapi(routes.confirmJoinApplicationRoute, handlers.confirmJoinApplicationHandler);
