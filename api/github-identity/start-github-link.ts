import { oauthAuthorizationUrl } from '@octokit/oauth-authorization-url';
import type { Env } from '../env.ts';
import { AppError } from '../lib/app-error.ts';
import { newToken } from '../lib/tokens.ts';

export const githubCallbackPath = '/api/me/github/callback';

/**
 * The address of GitHub's page where the MVP approves linking, and the `state` that must come back
 * with them (kept in a cookie of the browser that asked, so nobody else's browser can finish it).
 */
export function startGithubLink(options: { env: Env }): { authorizeUrl: string; state: string } {
  const { oauth } = options.env.github;
  if (!oauth) {
    // Not a fault of the server's: this Fieldtest simply has no such thing to offer.
    throw new AppError('not_found', { detail: 'Signing in with GitHub is not set up on this Fieldtest.' });
  }
  const { token: state } = newToken();
  const { url } = oauthAuthorizationUrl({
    clientType: 'oauth-app',
    clientId: oauth.clientId,
    redirectUrl: `${options.env.publicUrl}${githubCallbackPath}`,
    // No scope: reading who signed in needs none, and Fieldtest asks for nothing more.
    scopes: [],
    state,
    allowSignup: false,
    baseUrl: oauth.webUrl,
  });
  return { authorizeUrl: url, state };
}
