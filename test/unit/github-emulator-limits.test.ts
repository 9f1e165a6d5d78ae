import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmulatorLimits,
  type GithubEmulator,
  startGithubEmulator,
} from '../../scripts/github-emulator/start-github-emulator.ts';
import { checkAnswers } from '../support/github-description.ts';

const repo = { owner: 'acme', repo: 'app' };
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let github: GithubEmulator;
let octokit: Octokit;
let answers: ReturnType<typeof checkAnswers>;

beforeAll(async () => {
  github = await startGithubEmulator({ repos: ['acme/app'] });
  octokit = new Octokit({ baseUrl: github.url, auth: github.token, log: quiet });
  answers = checkAnswers(octokit);
});

// Refusals for a limit carry GitHub's documented error body too.
afterEach(() => {
  expect(answers.problems()).toEqual([]);
});

afterAll(async () => {
  await github?.stop();
});

/** A fresh emulator state with GitHub's limits, changed as given. */
async function start(limits: Partial<EmulatorLimits>) {
  await github.control.reset();
  await github.control.setLimits({
    timeScale: 1,
    primaryPerHour: 5000,
    contentPerMinute: 80,
    contentPerHour: 500,
    maxConcurrent: 100,
    ...limits,
  });
  return { github, octokit };
}

function createIssue(emulator: GithubEmulator, title: string) {
  return fetch(`${emulator.url}/repos/acme/app/issues`, {
    method: 'POST',
    headers: { authorization: `token ${emulator.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GitHub emulator: secondary limits', () => {
  it('refuses content creation beyond the per-minute window with retry-after, and counts violations', async () => {
    // A minute lasts one second.
    const { github } = await start({ timeScale: 60, contentPerMinute: 3 });
    for (const title of ['a', 'b', 'c']) expect((await createIssue(github, title)).status).toBe(201);

    const refused = await createIssue(github, 'd');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    const retryAfter = refused.headers.get('retry-after');
    expect(retryAfter).toBe('1');

    // Asking again while limited is a violation too, even for a read.
    const early = await fetch(`${github.url}/repos/acme/app/issues`, {
      headers: { authorization: `token ${github.token}` },
    });
    expect(early.status).toBe(403);

    await sleep(Number(retryAfter) * 1000 + 50);
    expect((await createIssue(github, 'e')).status).toBe(201);
    const stats = await github.control.stats();
    expect(stats.violations.map((violation) => violation.reason)).toEqual([
      'content_per_minute',
      'request_while_limited',
    ]);
    expect(stats).toMatchObject({ contentCreates: 4, limited: 1 });
    expect((await github.control.issues('acme/app')).map((issue) => issue.title)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('sends no retry-after for an injected secondary limit with retryAfter null, and limits for a scaled minute', async () => {
    const { github, octokit } = await start({ timeScale: 60 });
    await github.control.addFaults({ method: 'POST', kind: 'secondary_limit', retryAfter: null });
    const error = await octokit.issues.create({ ...repo, title: 'x' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 403,
      response: { data: { message: expect.stringMatching(/secondary rate limit/) } },
    });
    expect(
      (error as { response: { headers: Record<string, string> } }).response.headers['retry-after'],
    ).toBeUndefined();
    expect(await github.control.issues('acme/app')).toEqual([]);

    await expect(octokit.issues.listForRepo(repo)).rejects.toMatchObject({ status: 403 });
    await sleep(1050);
    expect((await octokit.issues.listForRepo(repo)).status).toBe(200);
    const stats = await github.control.stats();
    expect(stats.violations.map((violation) => violation.reason)).toEqual(['request_while_limited']);
  });

  it('sends the injected retry-after as given', async () => {
    const { github } = await start({});
    await github.control.addFaults({ kind: 'secondary_limit', retryAfter: 7, status: 429 });
    const refused = await createIssue(github, 'x');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
  });

  it('refuses more concurrent requests than allowed', async () => {
    const { github } = await start({ maxConcurrent: 2 });
    await github.control.addFaults({ method: 'GET', kind: 'slow', delayMs: 300, times: 2 });
    const statuses = await Promise.all(
      [0, 1, 2].map(async (index) => {
        await sleep(index * 30);
        return (await fetch(`${github.url}/user`, { headers: { authorization: `token ${github.token}` } })).status;
      }),
    );
    expect(statuses).toEqual([200, 200, 403]);
    expect((await github.control.stats()).violations.map((violation) => violation.reason)).toEqual(['concurrency']);
  });
});

describe('GitHub emulator: primary limit', () => {
  it('answers 403 with x-ratelimit-remaining 0 once the hourly budget is spent, until the reset', async () => {
    // An hour lasts one second.
    const { github, octokit } = await start({ timeScale: 3600, primaryPerHour: 3 });
    const first = await octokit.issues.listForRepo(repo);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    await octokit.issues.listForRepo(repo);
    await octokit.issues.listForRepo(repo);
    const error = (await octokit.issues.listForRepo(repo).catch((caught: unknown) => caught)) as {
      status: number;
      response: { headers: Record<string, string>; data: { message: string } };
    };
    expect(error.status).toBe(403);
    expect(error.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(error.response.data.message).toMatch(/API rate limit exceeded/);
    const reset = Number(error.response.headers['x-ratelimit-reset']);
    expect(reset * 1000).toBeGreaterThan(Date.now() - 1000);

    await sleep(Math.max(0, reset * 1000 - Date.now()) + 100);
    expect((await octokit.issues.listForRepo(repo)).headers['x-ratelimit-remaining']).toBe('2');
    expect((await github.control.stats()).violations.map((violation) => violation.reason)).toEqual([
      'primary_exhausted',
    ]);
  });

  it('answers an injected primary limit with remaining 0 and the reset time', async () => {
    const { github } = await start({});
    await github.control.addFaults({ kind: 'primary_limit', retryAfter: 30 });
    const refused = await fetch(`${github.url}/user`, { headers: { authorization: `token ${github.token}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(refused.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 28);
  });
});
