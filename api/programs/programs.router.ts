import { createRouter } from '../lib/create-router.ts';
import * as handlers from './programs.handlers.ts';
import * as routes from './programs.routes.ts';

export const programsRouter = createRouter()
  .openapi(routes.listProgramsRoute, handlers.listProgramsHandler)
  .openapi(routes.createProgramRoute, handlers.createProgramHandler)
  .openapi(routes.getProgramRoute, handlers.getProgramHandler)
  .openapi(routes.updateProgramRoute, handlers.updateProgramHandler)
  .openapi(routes.publishProgramTermsRoute, handlers.publishProgramTermsHandler);
