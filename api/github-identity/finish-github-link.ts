import { exchangeWebFlowCode } from '@octokit/oauth-methods';
import { request } from '@octokit/request';
import { Octokit } from '@octokit/rest';
import type { Env } from '../env.ts';
import type { GithubLinkOutcome } from './github-identity.schemas.ts';
import { githubCallbackPath } from './start-github-link.ts';

/**
 * Exchanges the code GitHub sent back for a token (used once, then forgotten) and reads who signed
 * in. Returns the login, or why it could not be had.
 */
export async function readGithubLogin(options: {
  env: Env;
  code: string;
}): Promise<{ login: string } | { outcome: GithubLinkOutcome; reason: string }> {
  const { env, code } = options;
  const oauth = env.github.oauth;
  if (!oauth) return { outcome: 'failed', reason: 'GitHub sign-in is not configured' };
  const timeout = () => AbortSignal.timeout(env.github.requestTimeoutMs);
  let token: string;
  try {
    const { authentication } = await exchangeWebFlowCode({
      clientType: 'oauth-app',
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      code,
      redirectUrl: `${env.publicUrl}${githubCallbackPath}`,
      request: request.defaults({ baseUrl: oauth.webUrl, request: { signal: timeout() } }),
    });
    token = authentication.token;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // GitHub answers a used or stale code with bad_verification_code.
    return { outcome: /bad_verification_code/.test(reason) ? 'expired' : 'failed', reason };
  }
  try {
    const octokit = new Octokit({ baseUrl: env.github.apiUrl, auth: token, request: { signal: timeout() } });
    const { data } = await octokit.rest.users.getAuthenticated();
    return { login: data.login };
  } catch (error) {
    return { outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
