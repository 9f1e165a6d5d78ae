import { createRouter } from '../lib/create-router.ts';
import * as handlers from './invitations.handlers.ts';
import * as routes from './invitations.routes.ts';

export const invitationsRouter = createRouter()
  .openapi(routes.inspectInvitationRoute, handlers.inspectInvitationHandler)
  .openapi(routes.acceptInvitationRoute, handlers.acceptInvitationHandler);
