import { generateKeyPairSync } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { checkAnswers, disagreements } from '../support/github-description.ts';

// The emulator answers as GitHub's published OpenAPI description says GitHub does, for every
// endpoint the sync calls, in success and in the refusals the sync handles: each status is one
// GitHub documents for the operation and each JSON body matches its schema.

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const repo = { owner: 'acme', repo: 'app' };
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let github: GithubEmulator;
let octokit: Octokit;
let answers: ReturnType<typeof checkAnswers>;

beforeAll(async () => {
  github = await startGithubEmulator({
    repos: ['acme/app'],
    app: {
      appId: 4242,
      slug: 'fieldtest-sync',
      publicKey: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  });
  octokit = new Octokit({ baseUrl: github.url, auth: github.token, log: quiet });
  answers = checkAnswers(octokit);
});

afterAll(async () => {
  await github?.stop();
});

/** The status of a call GitHub refuses (the answer itself is checked by the hook). */
async function refusal(call: Promise<unknown>): Promise<number> {
  const failure = await call.then(
    () => null,
    (error: { status?: number }) => error,
  );
  return failure?.status ?? 0;
}

describe('GitHub emulator against GitHub’s OpenAPI description', () => {
  it('the checker itself refuses what GitHub would not send', () => {
    const issue = { method: 'GET', route: '/repos/{owner}/{repo}/issues/{issue_number}', status: 200 };
    expect(disagreements({ ...issue, body: { number: 'one' } }).length).toBeGreaterThan(0);
    expect(disagreements({ ...issue, status: 418, body: {} })).toEqual([
      'GET /repos/{owner}/{repo}/issues/{issue_number} → 418: GitHub documents 200, 301, 304, 404, 410 only',
    ]);
    expect(disagreements({ ...issue, route: '/repos/{owner}/{repo}/bugs', body: {} })).toEqual([
      'GET /repos/{owner}/{repo}/bugs → 200: GitHub documents no such operation',
    ]);
  });

  it('answers every endpoint the sync calls as GitHub documents it', async () => {
    // Setting a program up: the repository, its labels, the account.
    await octokit.rest.repos.get(repo);
    await octokit.rest.users.getAuthenticated();
    await octokit.rest.rateLimit.get();
    await octokit.rest.issues.createLabel({ ...repo, name: 'fieldtest', color: 'ededed' });
    expect(await refusal(octokit.rest.issues.createLabel({ ...repo, name: 'fieldtest', color: 'ededed' }))).toBe(422);
    await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
    expect(await refusal(octokit.rest.repos.get({ owner: 'acme', repo: 'missing' }))).toBe(404);

    // Sending reports: issues, labels, comments.
    const { data: issue } = await octokit.rest.issues.create({
      ...repo,
      title: 'Crash on save',
      body: 'Steps\n\n<!-- fieldtest:report:1 -->',
      labels: ['fieldtest', 'P1'],
    });
    expect(await refusal(octokit.rest.issues.create({ ...repo, title: 'x'.repeat(257) }))).toBe(422);
    expect(await refusal(octokit.rest.issues.create({ ...repo, title: 'Long', body: 'x'.repeat(65_537) }))).toBe(422);
    expect(await refusal(octokit.rest.issues.create({ owner: 'acme', repo: 'missing', title: 'Lost' }))).toBe(404);
    const number = { ...repo, issue_number: issue.number };
    await octokit.rest.issues.get(number);
    expect(await refusal(octokit.rest.issues.get({ ...repo, issue_number: 9999 }))).toBe(404);
    await octokit.rest.issues.addLabels({ ...number, labels: ['release: 1.0'] });
    await octokit.rest.issues.setLabels({ ...number, labels: ['fieldtest', 'P2'] });
    await octokit.rest.issues.listLabelsOnIssue(number);
    await octokit.rest.issues.removeLabel({ ...number, name: 'P2' });
    expect(await refusal(octokit.rest.issues.removeLabel({ ...number, name: 'P2' }))).toBe(404);
    const { data: comment } = await octokit.rest.issues.createComment({ ...number, body: 'More detail' });
    expect(await refusal(octokit.rest.issues.createComment({ ...number, body: 'x'.repeat(65_537) }))).toBe(422);
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: 'More detail, edited' });
    await octokit.rest.issues.getComment({ ...repo, comment_id: comment.id });
    await octokit.paginate(octokit.rest.issues.listComments, { ...number, per_page: 100 });
    await octokit.paginate(octokit.rest.issues.listCommentsForRepo, { ...repo, per_page: 100 });
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: comment.id });
    await octokit.rest.issues.update({ ...number, state: 'closed', state_reason: 'not_planned' });
    expect(await refusal(octokit.rest.issues.update({ ...number, state: 'sideways' as 'open' }))).toBe(422);
    await octokit.rest.issues.update({ ...number, state: 'open' });

    // Following triage back: the repository's issues changed since a time, and a deleted issue.
    await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      state: 'all',
      since: new Date(0).toISOString(),
      per_page: 100,
    });
    const { data: doomed } = await octokit.rest.issues.create({ ...repo, title: 'To be deleted' });
    await github.control.deleteIssue('acme/app', doomed.number, 'acme');
    expect(await refusal(octokit.rest.issues.get({ ...repo, issue_number: doomed.number }))).toBe(410);

    expect(answers.problems()).toEqual([]);
    const statuses = new Set(answers.checked.map((answer) => `${answer.method} ${answer.status}`));
    expect([...statuses].sort()).toEqual(
      [
        'DELETE 200',
        'DELETE 204',
        'DELETE 404',
        'GET 200',
        'GET 404',
        'GET 410',
        'PATCH 200',
        'PATCH 422',
        'POST 200',
        'POST 201',
        'POST 404',
        'POST 422',
        'PUT 200',
      ].sort(),
    );
  });

  it('finds a GitHub App’s installation and mints its tokens as GitHub documents them', async () => {
    const app = new Octokit({
      baseUrl: github.url,
      log: quiet,
      authStrategy: createAppAuth,
      auth: { appId: 4242, privateKey: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    });
    const appAnswers = checkAnswers(app);
    const { data: installation } = await app.rest.apps.getRepoInstallation(repo);
    expect(await refusal(app.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'missing' }))).toBe(404);
    await app.request('POST /app/installations/{installation_id}/access_tokens', { installation_id: installation.id });
    expect(appAnswers.checked.map((answer) => answer.status)).toEqual([200, 404, 201]);
    expect(appAnswers.problems()).toEqual([]);
  });
});
