import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { reviewAtWidths } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { joinedCustomerPage } from '../support/browser-flows.ts';
import { setUpTestingRelease } from '../support/first-release.ts';
import { createClient } from '../support/http-client.ts';
import { apiAs, fileReport, inviteToRelease, type Portal, startPortalOnGithub } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';
import { until } from '../support/sync-outbound-fixtures.ts';

// The reporter's loop after filing, end to end: the built server as its own process, synced with
// the GitHub emulator (signed webhooks in, the sync worker out). Engineering asks for information
// on GitHub; the customer sees the question on the report in Chromium and answers it with a file,
// which reaches the issue as one comment with the file's link and takes the label off. Then
// engineering closes the issue as completed; the customer answers "Still broken" with a note and a
// file, and the issue gets one comment with the file's link and is reopened.

const repo = 'acme/desktop';
const secret = 'verification browser secret';
const engineer = 'eng-octo';

let emulator: GithubEmulator;
let portal: Portal;

beforeAll(async () => {
  emulator = await startGithubEmulator({ repos: [repo], webhookSecret: secret });
  await emulator.control.setAssociation(repo, engineer, 'COLLABORATOR');
  portal = await startPortalOnGithub(emulator, { GITHUB_WEBHOOK_SECRET: secret, GITHUB_TIME_SCALE: '20' });
  await emulator.control.setWebhookUrl(`${portal.baseUrl}/api/github/webhooks`);
}, 90_000);

afterAll(async () => {
  await portal?.stop();
  await emulator?.stop();
});

/** Waits for the comment that carries `text` and checks it is the only one, with the file's portal link. */
async function oneCommentWith(issueNumber: number, text: string, fileName: string) {
  const comments = await until(
    () => emulator.control.comments(repo, issueNumber),
    (found) => found.some((comment) => comment.body?.includes(text)),
  );
  const carrying = comments.filter((comment) => comment.body?.includes(text));
  expect(carrying).toHaveLength(1);
  const link = new RegExp(
    `\\[${fileName.replaceAll('.', '\\.')}\\]\\(${portal.baseUrl}/api/attachments/[0-9a-f-]{36}\\)`,
  );
  expect(carrying[0]!.body).toMatch(link);
  return comments;
}

describe('after filing', () => {
  it('the customer answers engineering’s question with a file, then, after the fix, says "Still broken" with a note and a file, and the issue is commented on and reopened', async () => {
    const lead = createClient(portal.baseUrl);
    const releaseId = await setUpTestingRelease(lead, portal.setupLink, {
      name: 'Acme Desktop MVPs',
      githubRepo: repo,
    });
    const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };
    const invitationLink = await inviteToRelease(lead, releaseId, customer);

    const { context, page, errors } = await joinedCustomerPage(
      portal,
      invitationLink.replace(/^https?:\/\/[^/]+/, portal.baseUrl),
      customer.password,
      { viewport: { width: 1100, height: 900 } },
    );
    const customerApi = await apiAs(context, portal.baseUrl);
    const title = 'Printing a selection prints the whole document';
    const filed = await fileReport(customerApi, {
      releaseId,
      title,
      steps: 'Select two pages, print the selection.',
      expected: 'Two pages',
      actual: 'All twelve pages',
      severity: 'major',
    });
    const [issue] = await until(
      () => emulator.control.issues(repo),
      (issues) => issues.length === 1,
    );

    // Engineering asks for a log on GitHub: a comment, then the `needs info` label.
    const question = 'Which printer driver is it? Please attach the print queue log.';
    await emulator.control.comment(repo, issue!.number, { login: engineer, body: question });
    await emulator.control.updateIssue(repo, issue!.number, {
      login: engineer,
      labels: ['fieldtest', 'needs info'],
    });
    await until(
      async () =>
        (await bodyOf(await customerApi.api.api.reports[':id'].$get({ param: { id: filed.id } }), 200)).status,
      (status) => status === 'needs_info',
    );
    await page.goto(`${portal.baseUrl}/reports/${filed.id}`);
    const banner = page.getByRole('region', { name: 'Engineering needs more information' });
    await banner.getByText(question).waitFor();
    await banner.getByText('Engineering asked on').waitFor();
    expect(await reviewAtWidths(page, 'mvp-report-needs-info')).toEqual({});
    await banner.getByRole('link', { name: 'Answer below' }).click();
    const answerForm = page.getByRole('form', { name: 'Answer engineering' });
    const answer = 'The driver is PCL6 4.2; the queue log is attached.';
    await answerForm.getByLabel('Your answer').fill(answer);
    await answerForm.getByLabel('Files (optional)').setInputFiles({
      name: 'driver-queue.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('driver PCL6 4.2: job 5 spooled 12 pages\n'),
    });
    await answerForm.getByRole('listitem').filter({ hasText: 'driver-queue.log' }).getByText('Uploaded').waitFor();
    await screenshot(page, 'needs-info-answer');
    await answerForm.getByRole('button', { name: 'Send answer' }).click();
    await answerForm.getByText('Answer sent to engineering.').waitFor();
    await banner.getByText('You answered on').waitFor();
    await screenshot(page, 'needs-info-answered');

    // On GitHub: one comment with the answer and the file's portal link, and the label taken off.
    await oneCommentWith(issue!.number, answer, 'driver-queue.log');
    await until(
      async () => (await emulator.control.issues(repo))[0]?.labels ?? [],
      (labels) => !labels.some((label) => (typeof label === 'string' ? label : label.name) === 'needs info'),
    );

    // Engineering fixes it and closes the issue as completed, on GitHub.
    await emulator.control.updateIssue(repo, issue!.number, { login: engineer, state: 'closed' });
    await until(
      async () => {
        const response = await customerApi.api.api.reports[':id'].verification.$get({ param: { id: filed.id } });
        return response.status === 200 ? ((await response.json()) as { canAnswer: boolean }) : null;
      },
      (state) => state?.canAnswer === true,
    );

    await page.goto(`${portal.baseUrl}/reports/${filed.id}`);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    const panel = page.getByRole('region', { name: 'Is it fixed for you on build 100?' });
    await panel.waitFor();
    expect(await reviewAtWidths(page, 'mvp-report-fix-to-check')).toEqual({});
    await panel.getByRole('radio', { name: /Still broken/ }).check();
    const note = 'Still prints all twelve pages with a selection of two.';
    await panel.getByLabel('Note (optional)').fill(note);
    await panel.getByLabel('Files (optional)').setInputFiles({
      name: 'print-queue.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('job 7: printed pages 1-12 (selection 3-4)\n'),
    });
    await panel.getByRole('listitem').filter({ hasText: 'print-queue.log' }).getByText('Uploaded').waitFor();
    await screenshot(page, 'verification-answer');
    await panel.getByRole('button', { name: 'Send answer' }).click();
    const checked = page.getByRole('region', { name: 'Checking the fix' });
    await checked.getByText('You said it is still broken on build 100.').waitFor();
    await checked.getByRole('link', { name: 'print-queue.log' }).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('You said it is still broken for you').waitFor();
    await screenshot(page, 'verification-answered');

    // On GitHub: one comment with the note and the file's portal link, and the issue open again.
    const comments = await oneCommentWith(issue!.number, note, 'print-queue.log');
    expect(comments).toHaveLength(3);
    const reopened = await until(
      () => emulator.control.issues(repo),
      (issues) => issues[0]?.state === 'open',
    );
    expect(reopened[0]!.state).toBe('open');
    expect(errors()).toEqual([]);
    await context.close();
  });
});
