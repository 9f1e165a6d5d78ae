import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/app-error.ts';

/**
 * The installation of a GitHub App on the program's repository, asked of GitHub with the App's own
 * token (a JWT signed with its private key): what a lead would otherwise copy from the
 * installation's settings page.
 */
export async function findAppInstallation(options: {
  github: Env['github'];
  appId: number;
  privateKey: string;
  repo: string;
}): Promise<number> {
  const [owner = '', name = ''] = options.repo.split('/');
  const octokit = new Octokit({
    baseUrl: options.github.apiUrl,
    userAgent: 'fieldtest',
    authStrategy: createAppAuth,
    auth: { appId: options.appId, privateKey: options.privateKey },
    request: { redirect: 'manual' },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  try {
    const { data } = await octokit.rest.apps.getRepoInstallation({
      owner,
      repo: name,
      request: { signal: AbortSignal.timeout(options.github.requestTimeoutMs) },
    });
    return data.id;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) {
      throw new AppError('validation', {
        detail: `The App is not installed on ${options.repo}.`,
        fields: [
          {
            field: 'installationId',
            message: `The App is not installed on ${options.repo}: install it there, or enter its installation ID`,
          },
        ],
      });
    }
    if (status === 401) {
      throw new AppError('validation', {
        detail: 'GitHub did not accept this App ID and private key.',
        fields: [{ field: 'privateKey', message: 'GitHub did not accept this private key for this App ID' }],
      });
    }
    throw new AppError('unavailable', {
      detail: "GitHub could not be asked for the App's installation: enter the installation ID, or try again.",
    });
  }
}
