import { generateKeyPairSync } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const appKeys = pem();
let github: GithubEmulator;

beforeAll(async () => {
  github = await startGithubEmulator({
    // An hour lasts one second: installation tokens expire after a second.
    timeScale: 3600,
    repos: ['acme/app'],
    app: {
      appId: 4242,
      slug: 'fieldtest-sync',
      publicKey: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  });
});

afterAll(async () => {
  await github?.stop();
});

function appOctokit(privateKey: string) {
  return new Octokit({
    baseUrl: github.url,
    log: quiet,
    authStrategy: createAppAuth,
    auth: { appId: 4242, privateKey, installationId: 7 },
  });
}

describe('GitHub emulator: GitHub App', () => {
  it('mints an installation token for a JWT signed with the app key; the token acts as the bot', async () => {
    const octokit = appOctokit(appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const { data } = await octokit.issues.create({ owner: 'acme', repo: 'app', title: 'from the app' });
    expect(data.user).toMatchObject({ login: 'fieldtest-sync[bot]', type: 'Bot' });
  });

  it('lets installation tokens expire after a scaled hour', async () => {
    const octokit = appOctokit(appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const auth = (await octokit.auth({ type: 'installation' })) as { token: string; expiresAt: string };
    expect(Date.parse(auth.expiresAt) - Date.now()).toBeLessThanOrEqual(2000);
    const use = () =>
      fetch(`${github.url}/repos/acme/app/issues`, { headers: { authorization: `token ${auth.token}` } });
    expect((await use()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await use();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('refuses a JWT signed with another key', async () => {
    const octokit = appOctokit(pem().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await expect(octokit.auth({ type: 'installation' })).rejects.toMatchObject({ status: 401 });
  });
});
