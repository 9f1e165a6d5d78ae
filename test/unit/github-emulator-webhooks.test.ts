import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { verify } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { signPayload } from '../../scripts/github-emulator/webhooks.ts';

type Received = { headers: IncomingHttpHeaders; raw: string; payload: Record<string, unknown> & { action?: string } };

const secret = 'webhook secret';
const repo = { owner: 'acme', repo: 'app' };
let github: GithubEmulator;
let octokit: Octokit;
let receiver: Server;
let received: Received[] = [];
let answerStatus = 202;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, payload: JSON.parse(raw) });
      res.writeHead(answerStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  github = await startGithubEmulator({ webhookSecret: secret });
  // Tests usually start the emulator before the app, so the URL is set afterwards.
  await github.control.setWebhookUrl(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`);
  octokit = new Octokit({
    baseUrl: github.url,
    auth: github.token,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
});

afterAll(async () => {
  await github?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(async () => {
  await github.control.reset();
  await github.control.createRepo('acme/app');
  received = [];
  answerStatus = 202;
});

const events = () => received.map((delivery) => `${delivery.headers['x-github-event']}.${delivery.payload.action}`);

describe('GitHub emulator: webhook signing', () => {
  it("signs GitHub's documented test vector", () => {
    expect(signPayload("It's a Secret to Everybody", 'Hello, World!')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });
});

describe('GitHub emulator: webhooks', () => {
  it('sends signed issues.opened and issues.labeled for the app’s own create', async () => {
    const { data: issue } = await octokit.issues.create({ ...repo, title: 'Crash', labels: ['fieldtest'] });
    await github.control.webhooksIdle();
    expect(events()).toEqual(['issues.opened', 'issues.labeled']);
    const [opened, labeled] = received as [Received, Received];
    expect(await verify(secret, opened.raw, String(opened.headers['x-hub-signature-256']))).toBe(true);
    expect(await verify('wrong secret', opened.raw, String(opened.headers['x-hub-signature-256']))).toBe(false);
    expect(opened.headers['x-github-delivery']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(opened.headers['user-agent']).toMatch(/^GitHub-Hookshot\//);
    expect(opened.headers['content-type']).toBe('application/json');
    expect(opened.payload).toMatchObject({
      action: 'opened',
      issue: { number: issue.number, id: issue.id, title: 'Crash', user: { login: 'fieldtest-bot' } },
      repository: { full_name: 'acme/app', owner: { login: 'acme' } },
      sender: { login: 'fieldtest-bot' },
    });
    expect(labeled.payload).toMatchObject({ action: 'labeled', label: { name: 'fieldtest' } });
    const deliveries = await github.control.deliveries();
    expect(deliveries.map((delivery) => [delivery.action, delivery.status, delivery.state])).toEqual([
      ['opened', 202, 'delivered'],
      ['labeled', 202, 'delivered'],
    ]);
  });

  it('sends what a person does in the UI: edit, close as duplicate, relabel, comment', async () => {
    await octokit.issues.create({ ...repo, title: 'Crash', labels: ['P2'] });
    await github.control.webhooksIdle();
    received = [];
    await github.control.updateIssue('acme/app', 1, { login: 'dev', title: 'Crash on start', labels: ['P1'] });
    await github.control.updateIssue('acme/app', 1, { login: 'dev', state: 'closed', state_reason: 'duplicate' });
    const comment = await github.control.comment('acme/app', 1, { login: 'dev', body: 'Duplicate of #7' });
    await github.control.editComment('acme/app', comment.id, { login: 'dev', body: 'Duplicate of #8' });
    await github.control.deleteComment('acme/app', comment.id, 'dev');
    await github.control.webhooksIdle();
    expect(events()).toEqual([
      'issues.edited',
      'issues.unlabeled',
      'issues.labeled',
      'issues.closed',
      'issue_comment.created',
      'issue_comment.edited',
      'issue_comment.deleted',
    ]);
    expect(received[0]?.payload).toMatchObject({ changes: { title: { from: 'Crash' } }, sender: { login: 'dev' } });
    expect(received[1]?.payload).toMatchObject({ label: { name: 'P2' } });
    expect(received[3]?.payload).toMatchObject({ issue: { state: 'closed', state_reason: 'duplicate' } });
    expect(received[4]?.payload).toMatchObject({ comment: { body: 'Duplicate of #7', user: { login: 'dev' } } });
    expect(received[5]?.payload).toMatchObject({ changes: { body: { from: 'Duplicate of #7' } } });
  });

  it("tells each author's standing with the repository in author_association, as set per person", async () => {
    await github.control.setAssociation('acme/app', 'maintainer', 'COLLABORATOR');
    await github.control.setAssociation('acme/app', 'staffer', 'MEMBER');
    await github.control.openIssue('acme/app', { login: 'passer-by', title: 'Crash' });
    for (const login of ['acme', 'maintainer', 'staffer', 'passer-by']) {
      await github.control.comment('acme/app', 1, { login, body: `From ${login}` });
    }
    await github.control.webhooksIdle();
    const comments = received.filter((delivery) => delivery.headers['x-github-event'] === 'issue_comment');
    expect(
      comments.map((delivery) => (delivery.payload.comment as { author_association: string }).author_association),
    ).toEqual(['OWNER', 'COLLABORATOR', 'MEMBER', 'NONE']);
    expect(comments[0]?.payload).toMatchObject({ issue: { author_association: 'NONE' } });

    // GitHub answers with the standing as it is now, in REST answers too.
    await github.control.setAssociation('acme/app', 'maintainer', 'NONE');
    const { data } = await octokit.issues.listCommentsForRepo({ ...repo });
    expect(data.map((comment) => comment.author_association)).toEqual(['OWNER', 'NONE', 'MEMBER', 'NONE']);
  });

  it('sends issues.transferred with the new issue and repository, and issues.deleted', async () => {
    await github.control.createRepo('acme/other');
    await octokit.issues.create({ ...repo, title: 'moving' });
    await octokit.issues.create({ ...repo, title: 'doomed' });
    await github.control.webhooksIdle();
    received = [];
    const moved = await github.control.transferIssue('acme/app', 1, { login: 'dev', to: 'acme/other' });
    await github.control.deleteIssue('acme/app', 2, 'dev');
    await github.control.webhooksIdle();
    expect(events()).toEqual(['issues.transferred', 'issues.opened', 'issues.deleted']);
    expect(received[0]?.payload).toMatchObject({
      issue: { number: 1, repository_url: `${github.url}/repos/acme/app` },
      changes: { new_issue: { number: moved.number, url: moved.url }, new_repository: { full_name: 'acme/other' } },
    });
    expect(received[2]?.payload).toMatchObject({ issue: { number: 2 } });
  });

  it('holds deliveries and flushes them in reverse order', async () => {
    await octokit.issues.create({ ...repo, title: 'flaky' });
    await github.control.webhooksIdle();
    received = [];
    await github.control.setWebhookMode('hold');
    await github.control.updateIssue('acme/app', 1, { login: 'dev', state: 'closed' });
    await github.control.updateIssue('acme/app', 1, { login: 'dev', state: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]);
    expect(await github.control.flushWebhooks('reverse')).toEqual({ flushed: 2 });
    await github.control.webhooksIdle();
    expect(events()).toEqual(['issues.reopened', 'issues.closed']);
  });

  it('drops deliveries in drop mode and redelivers one with the same delivery id', async () => {
    await github.control.setWebhookMode('drop');
    await octokit.issues.create({ ...repo, title: 'lost webhook' });
    await github.control.webhooksIdle();
    expect(received).toEqual([]);
    const [dropped] = await github.control.deliveries();
    expect(dropped).toMatchObject({ state: 'dropped', status: null });
    await github.control.redeliver(dropped!.id);
    await github.control.redeliver(dropped!.id);
    await github.control.webhooksIdle();
    expect(received.map((delivery) => delivery.headers['x-github-delivery'])).toEqual([dropped!.id, dropped!.id]);
    expect(received[0]?.raw).toBe(received[1]?.raw);
  });

  it('records the receiver’s failing status', async () => {
    answerStatus = 500;
    await octokit.issues.create({ ...repo, title: 'refused' });
    await github.control.webhooksIdle();
    const [delivery] = await github.control.deliveries({ payload: true });
    expect(delivery).toMatchObject({ state: 'failed', status: 500, payload: { action: 'opened' } });
  });
});
