import { createRouter } from '../lib/create-router.ts';
import * as handlers from './github-identity.handlers.ts';
import * as routes from './github-identity.routes.ts';

export const githubIdentityRouter = createRouter()
  .openapi(routes.getGithubIdentityRoute, handlers.getGithubIdentityHandler)
  .openapi(routes.startGithubLinkRoute, handlers.startGithubLinkHandler)
  .openapi(routes.finishGithubLinkRoute, handlers.finishGithubLinkHandler)
  .openapi(routes.unlinkGithubRoute, handlers.unlinkGithubHandler);
