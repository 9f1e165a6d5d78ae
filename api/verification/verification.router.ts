import { createRouter } from '../lib/create-router.ts';
import * as handlers from './verification.handlers.ts';
import * as routes from './verification.routes.ts';

export const verificationRouter = createRouter()
  .openapi(routes.readVerificationRoute, handlers.readVerificationHandler)
  .openapi(routes.answerVerificationRoute, handlers.answerVerificationHandler)
  .openapi(routes.setFixedInRoute, handlers.setFixedInHandler)
  .openapi(routes.readVerificationStatsRoute, handlers.readVerificationStatsHandler);
