import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './github-credentials.handlers.ts';
import * as routes from './github-credentials.routes.ts';

export const githubCredentialsRouter = createRouter()
  .openapi(routes.readGithubCredentialRoute, handlers.readGithubCredentialHandler)
  .openapi(routes.setGithubCredentialRoute, handlers.setGithubCredentialHandler)
  .openapi(routes.clearGithubCredentialRoute, handlers.clearGithubCredentialHandler);
