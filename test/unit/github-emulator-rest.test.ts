import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { checkAnswers } from '../support/github-description.ts';

const repo = { owner: 'acme', repo: 'app' };
let github: GithubEmulator;
let octokit: Octokit;
let answers: ReturnType<typeof checkAnswers>;

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  github = await startGithubEmulator({ tokens: [{ token: 'other-token', login: 'someone-else' }] });
  octokit = new Octokit({ baseUrl: github.url, auth: github.token, log: quiet });
  answers = checkAnswers(octokit);
});

// Whatever the tests ask through Octokit is answered as GitHub's OpenAPI description documents.
afterEach(() => {
  expect(answers.problems()).toEqual([]);
});

afterAll(async () => {
  await github?.stop();
});

beforeEach(async () => {
  await github.control.reset();
  await github.control.createRepo('acme/app');
});

function get(path: string, headers: Record<string, string> = {}, token = github.token) {
  return fetch(`${github.url}${path}`, {
    headers: { authorization: `token ${token}`, ...headers },
    redirect: 'manual',
  });
}

describe('GitHub emulator: issues', () => {
  it('creates an issue as the token user, keeps the body exactly and auto-creates unknown labels', async () => {
    const body = 'Steps\n\n<!-- fieldtest:report:42 -->';
    const { status, data, headers } = await octokit.issues.create({
      ...repo,
      title: 'Crash',
      body,
      labels: ['fieldtest', 'P1'],
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({ number: 1, title: 'Crash', body, state: 'open', state_reason: null, closed_at: null });
    expect(data.user?.login).toBe('fieldtest-bot');
    expect(data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['fieldtest', 'P1']);
    expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(headers['x-github-request-id']).toBeTruthy();
    expect(headers['x-ratelimit-resource']).toBe('core');
    const labels = await octokit.issues.listLabelsForRepo(repo);
    expect(labels.data.map((label) => label.name).sort()).toEqual(['P1', 'fieldtest']);
  });

  it('answers 422 with an errors array when the title is missing', async () => {
    const response = await fetch(`${github.url}/repos/acme/app/issues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${github.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'no title' }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      documentation_url: expect.any(String),
    });
  });

  it('closes with a state reason, sets closed_at, and reopens', async () => {
    const { data: created } = await octokit.issues.create({ ...repo, title: 'A' });
    const { data: closed } = await octokit.issues.update({
      ...repo,
      issue_number: created.number,
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(closed.closed_at).toEqual(expect.any(String));
    const { data: reopened } = await octokit.issues.update({ ...repo, issue_number: created.number, state: 'open' });
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('lists with state, labels and creator filters, newest first, never more than 100 a page', async () => {
    await octokit.issues.create({ ...repo, title: 'one', labels: ['fieldtest'] });
    await octokit.issues.create({ ...repo, title: 'two', labels: ['other'] });
    await github.control.openIssue('acme/app', { login: 'octocat', title: 'three', labels: ['fieldtest'] });
    await octokit.issues.update({ ...repo, issue_number: 1, state: 'closed' });

    const open = await octokit.issues.listForRepo(repo);
    expect(open.data.map((issue) => issue.title)).toEqual(['three', 'two']);
    const all = await octokit.issues.listForRepo({ ...repo, state: 'all', labels: 'fieldtest' });
    expect(all.data.map((issue) => issue.title)).toEqual(['three', 'one']);
    const mine = await octokit.issues.listForRepo({
      ...repo,
      state: 'all',
      creator: 'fieldtest-bot',
      direction: 'asc',
    });
    expect(mine.data.map((issue) => issue.title)).toEqual(['one', 'two']);
  });

  it('paginates with a Link header and caps per_page at 100', async () => {
    for (let index = 0; index < 105; index++) {
      await github.control.openIssue('acme/app', { login: 'octocat', title: `issue ${index}` });
    }
    const first = await octokit.issues.listForRepo({ ...repo, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('rel="next"');
    const capped = await get('/repos/acme/app/issues?per_page=500');
    expect(((await capped.json()) as unknown[]).length).toBe(100);
    const everything = await octokit.paginate(octokit.issues.listForRepo, { ...repo, per_page: 30 });
    expect(everything).toHaveLength(105);
    expect(new Set(everything.map((issue) => issue.number)).size).toBe(105);
  });

  it('filters by since on updated_at', async () => {
    await octokit.issues.create({ ...repo, title: 'old' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const since = new Date().toISOString();
    await octokit.issues.create({ ...repo, title: 'new' });
    const { data } = await octokit.issues.listForRepo({ ...repo, since, state: 'all' });
    expect(data.map((issue) => issue.title)).toEqual(['new']);
    await octokit.issues.update({ ...repo, issue_number: 1, title: 'old, edited' });
    const again = await octokit.issues.listForRepo({ ...repo, since, state: 'all', sort: 'updated' });
    expect(again.data.map((issue) => issue.title)).toEqual(['old, edited', 'new']);
  });

  it('answers 304 to a matching If-None-Match without spending the budget', async () => {
    await octokit.issues.create({ ...repo, title: 'etag' });
    const first = await get('/repos/acme/app/issues');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const second = await get('/repos/acme/app/issues', { 'if-none-match': etag! });
    expect(second.status).toBe(304);
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    await octokit.issues.update({ ...repo, issue_number: 1, title: 'changed' });
    const third = await get('/repos/acme/app/issues', { 'if-none-match': etag! });
    expect(third.status).toBe(200);
  });

  it('rejects unknown tokens with 401 Bad credentials', async () => {
    const stranger = new Octokit({ baseUrl: github.url, auth: 'nope', log: quiet });
    await expect(stranger.issues.listForRepo(repo)).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Bad credentials' } },
    });
  });

  it('acts as the login configured for each token', async () => {
    const other = new Octokit({ baseUrl: github.url, auth: 'other-token', log: quiet });
    const { data } = await other.issues.create({ ...repo, title: 'by someone else' });
    expect(data.user?.login).toBe('someone-else');
    expect((await other.users.getAuthenticated()).data.login).toBe('someone-else');
  });

  it('answers 404 for an unknown issue and repository', async () => {
    await expect(octokit.issues.get({ ...repo, issue_number: 99 })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.issues.get({ owner: 'acme', repo: 'nope', issue_number: 1 })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers 301 to the new issue after a transfer', async () => {
    await octokit.issues.create({ ...repo, title: 'moving' });
    await github.control.createRepo('acme/other');
    const moved = await github.control.transferIssue('acme/app', 1, { login: 'octocat', to: 'acme/other' });
    const response = await get('/repos/acme/app/issues/1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(moved.url);
    expect(moved.url).toBe(`${github.url}/repos/acme/other/issues/1`);
    const followed = await octokit.issues.get({ ...repo, issue_number: 1 });
    expect(followed.data).toMatchObject({ title: 'moving', repository_url: `${github.url}/repos/acme/other` });
  });

  it('answers 410 after the issue was deleted', async () => {
    await octokit.issues.create({ ...repo, title: 'doomed' });
    await github.control.deleteIssue('acme/app', 1, 'octocat');
    await expect(octokit.issues.get({ ...repo, issue_number: 1 })).rejects.toMatchObject({ status: 410 });
    expect(await github.control.issues('acme/app')).toEqual([]);
  });
});

describe('GitHub emulator: labels and comments', () => {
  it('adds, replaces and removes issue labels', async () => {
    await octokit.issues.create({ ...repo, title: 'labels', labels: ['fieldtest'] });
    const added = await octokit.issues.addLabels({ ...repo, issue_number: 1, labels: ['P2'] });
    expect(added.data.map((label) => label.name)).toEqual(['fieldtest', 'P2']);
    const replaced = await octokit.issues.setLabels({ ...repo, issue_number: 1, labels: ['P1'] });
    expect(replaced.data.map((label) => label.name)).toEqual(['P1']);
    const removed = await octokit.issues.removeLabel({ ...repo, issue_number: 1, name: 'P1' });
    expect(removed.data).toEqual([]);
    await expect(octokit.issues.removeLabel({ ...repo, issue_number: 1, name: 'P1' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('creates, lists, edits and deletes comments, bumping the issue updated_at', async () => {
    const { data: issue } = await octokit.issues.create({ ...repo, title: 'talk' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { data: comment, status } = await octokit.issues.createComment({ ...repo, issue_number: 1, body: 'hello' });
    expect(status).toBe(201);
    expect(comment).toMatchObject({ body: 'hello', user: { login: 'fieldtest-bot' }, issue_url: issue.url });
    const { data: after } = await octokit.issues.get({ ...repo, issue_number: 1 });
    expect(after.comments).toBe(1);
    expect(after.updated_at > issue.updated_at).toBe(true);
    await github.control.comment('acme/app', 1, { login: 'octocat', body: 'Duplicate of #3' });
    const listed = await octokit.issues.listComments({ ...repo, issue_number: 1 });
    expect(listed.data.map((entry) => entry.body)).toEqual(['hello', 'Duplicate of #3']);
    const repoWide = await octokit.issues.listCommentsForRepo({ ...repo, sort: 'created', direction: 'desc' });
    expect(repoWide.data.map((entry) => entry.body)).toEqual(['Duplicate of #3', 'hello']);
    const edited = await octokit.issues.updateComment({ ...repo, comment_id: comment.id, body: 'hello again' });
    expect(edited.data.body).toBe('hello again');
    await octokit.issues.deleteComment({ ...repo, comment_id: comment.id });
    await expect(octokit.issues.getComment({ ...repo, comment_id: comment.id })).rejects.toMatchObject({ status: 404 });
  });
});

describe('GitHub emulator: faults', () => {
  it('performs the write and then resets the connection for reset_after_write', async () => {
    await github.control.addFaults({ method: 'POST', path: '/issues$', kind: 'reset_after_write' });
    await expect(octokit.issues.create({ ...repo, title: 'lost answer' })).rejects.toMatchObject({ status: 500 });
    const issues = await github.control.issues('acme/app');
    expect(issues.map((issue) => issue.title)).toEqual(['lost answer']);
  });

  it('resets the connection without writing for reset_before_write', async () => {
    await github.control.addFaults({ method: 'POST', kind: 'reset_before_write' });
    await expect(octokit.issues.create({ ...repo, title: 'never' })).rejects.toBeTruthy();
    expect(await github.control.issues('acme/app')).toEqual([]);
  });

  it('answers the injected status the given number of times, with GitHub error bodies', async () => {
    await github.control.addFaults({ path: '/issues', kind: 'status', status: 502, times: 2 });
    await expect(octokit.issues.listForRepo(repo)).rejects.toMatchObject({ status: 502 });
    await expect(octokit.issues.listForRepo(repo)).rejects.toMatchObject({
      status: 502,
      response: { data: { message: 'Bad Gateway' } },
    });
    expect((await octokit.issues.listForRepo(repo)).status).toBe(200);
  });

  it('answers slowly after writing for slow', async () => {
    await github.control.addFaults({ method: 'POST', kind: 'slow', delayMs: 300 });
    const started = Date.now();
    await octokit.issues.create({ ...repo, title: 'slow' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers 503 to everything during an outage', async () => {
    await github.control.setOutage(true);
    await expect(octokit.issues.listForRepo(repo)).rejects.toMatchObject({ status: 503 });
    await github.control.setOutage(false);
    expect((await octokit.issues.listForRepo(repo)).status).toBe(200);
  });
});

describe('GitHub emulator: GraphQL', () => {
  const timeline = `query($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        stateReason
        timelineItems(itemTypes: [MARKED_AS_DUPLICATE_EVENT, CLOSED_EVENT], last: 10) {
          nodes { __typename ... on MarkedAsDuplicateEvent { isCrossRepository canonical { ... on Issue { number } } } }
        }
      }
    }
  }`;
  const read = (number: number) =>
    octokit.graphql<{
      repository: {
        issue: {
          stateReason: string;
          timelineItems: { nodes: { __typename: string; canonical?: { number: number } }[] };
        };
      };
    }>(timeline, { owner: 'acme', name: 'app', number });

  it('closeIssue with duplicateIssueId closes as duplicate and records the original on the timeline', async () => {
    const original = await octokit.issues.create({ ...repo, title: 'Original' });
    const duplicate = await octokit.issues.create({ ...repo, title: 'Duplicate' });
    await octokit.graphql(
      'mutation($input: CloseIssueInput!) { closeIssue(input: $input) { issue { state stateReason } } }',
      { input: { issueId: duplicate.data.node_id, stateReason: 'DUPLICATE', duplicateIssueId: original.data.node_id } },
    );
    const { repository } = await read(duplicate.data.number);
    expect(repository.issue.stateReason).toBe('DUPLICATE');
    expect(repository.issue.timelineItems.nodes).toEqual([
      { __typename: 'MarkedAsDuplicateEvent', isCrossRepository: false, canonical: { number: original.data.number } },
      { __typename: 'ClosedEvent' },
    ]);
    const rest = await octokit.issues.get({ ...repo, issue_number: duplicate.data.number });
    expect(rest.data).toMatchObject({ state: 'closed', state_reason: 'duplicate' });
  });

  it('a REST close with state_reason duplicate records no original', async () => {
    const duplicate = await octokit.issues.create({ ...repo, title: 'Duplicate' });
    await octokit.issues.update({
      ...repo,
      issue_number: duplicate.data.number,
      state: 'closed',
      state_reason: 'duplicate',
    });
    const { repository } = await read(duplicate.data.number);
    expect(repository.issue.timelineItems.nodes).toEqual([{ __typename: 'ClosedEvent' }]);
  });

  it('refuses a field GitHub does not have, with 200 and errors, and an unknown issue as NOT_FOUND', async () => {
    const unknownField = await fetch(`${github.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `bearer ${github.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ repository(owner: "acme", name: "app") { duplicateOf } }' }),
    });
    expect(unknownField.status).toBe(200);
    expect((await unknownField.json()).errors[0].message).toMatch(/Cannot query field "duplicateOf"/);
    await expect(read(999)).rejects.toMatchObject({ errors: [{ type: 'NOT_FOUND' }] });
    const anonymous = await fetch(`${github.url}/graphql`, {
      method: 'POST',
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(anonymous.status).toBe(401);
  });
});
