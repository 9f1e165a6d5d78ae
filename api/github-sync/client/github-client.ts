import { createHash } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import type { Env } from '../../env.ts';

export type GithubClient = {
  octokit: Octokit;
  /** Names the credential in GithubRateState: every process using it shares one pacing row. */
  rateKey: string;
};

/**
 * The one place an Octokit is made. Only @octokit/rest's own plugins are loaded: no retry plugin,
 * so nothing at the transport level ever sends a write twice; the sync decides what to resend.
 * Every request gets the configured timeout unless it brings its own signal.
 * With a GitHub App, @octokit/auth-app mints installation tokens and renews them before they expire.
 */
export function createGithubClient(github: Env['github'], options: { fetch?: typeof fetch } = {}): GithubClient | null {
  const { credentials } = github;
  if (credentials.kind === 'none') return null;
  const common = {
    baseUrl: github.apiUrl,
    userAgent: 'fieldtest',
    request: { ...(options.fetch ? { fetch: options.fetch } : {}), redirect: 'manual' as const },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  };
  const octokit =
    credentials.kind === 'token'
      ? new Octokit({ ...common, auth: credentials.token })
      : new Octokit({
          ...common,
          authStrategy: createAppAuth,
          auth: {
            appId: credentials.appId,
            privateKey: credentials.privateKey,
            installationId: credentials.installationId,
          },
        });
  octokit.hook.wrap('request', (request, requestOptions) =>
    request({
      ...requestOptions,
      request: {
        ...requestOptions.request,
        signal: requestOptions.request?.signal ?? AbortSignal.timeout(github.requestTimeoutMs),
      },
    }),
  );
  const secret = credentials.kind === 'token' ? credentials.token : `app:${credentials.installationId}`;
  const rateKey = `${github.apiUrl} ${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
  return { octokit, rateKey };
}
