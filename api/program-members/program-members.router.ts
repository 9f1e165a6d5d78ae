import { createRouter } from '../lib/create-router.ts';
import * as handlers from './program-members.handlers.ts';
import * as routes from './program-members.routes.ts';

export const programMembersRouter = createRouter()
  .openapi(routes.listProgramMembersRoute, handlers.listProgramMembersHandler)
  .openapi(routes.setProgramMemberRoute, handlers.setProgramMemberHandler)
  .openapi(routes.removeProgramMemberRoute, handlers.removeProgramMemberHandler);
