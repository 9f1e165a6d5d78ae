import { createRouter } from '../lib/create-router.ts';
import * as handlers from './staff.handlers.ts';
import * as routes from './staff.routes.ts';

export const staffRouter = createRouter()
  .openapi(routes.listStaffRoute, handlers.listStaffHandler)
  .openapi(routes.createStaffMemberRoute, handlers.createStaffMemberHandler)
  .openapi(routes.updateStaffMemberRoute, handlers.updateStaffMemberHandler)
  .openapi(routes.issuePasswordLinkRoute, handlers.issuePasswordLinkHandler);
