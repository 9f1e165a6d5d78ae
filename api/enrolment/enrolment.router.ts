import { createRouter } from '../lib/create-router.ts';
import * as handlers from './enrolment.handlers.ts';
import * as routes from './enrolment.routes.ts';

export const enrolmentRouter = createRouter()
  .openapi(routes.inviteToReleaseRoute, handlers.inviteToReleaseHandler)
  .openapi(routes.resendInvitationRoute, handlers.resendInvitationHandler)
  .openapi(routes.revokeInvitationRoute, handlers.revokeInvitationHandler)
  .openapi(routes.setJoinLinkRoute, handlers.setJoinLinkHandler)
  .openapi(routes.rotateJoinLinkRoute, handlers.rotateJoinLinkHandler)
  .openapi(routes.listCohortRoute, handlers.listCohortHandler)
  .openapi(routes.approveApplicationRoute, handlers.approveApplicationHandler)
  .openapi(routes.declineApplicationRoute, handlers.declineApplicationHandler)
  .openapi(routes.removeFromCohortRoute, handlers.removeFromCohortHandler);
