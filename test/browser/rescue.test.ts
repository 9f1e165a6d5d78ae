import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { createClient } from '../support/http-client.ts';
import {
  fileReport,
  inviteToRelease,
  type Portal,
  prepareRelease,
  startPortalOnGithub,
} from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';
import { until } from '../support/sync-outbound-fixtures.ts';
import { tokenOf } from '../support/test-server.ts';

// Three MVPs reproduce a bug engineering closed as not planned; the program lead finds it on the
// Rescue list and sends it back. The server runs as its own process with its GitHub sync on,
// against the GitHub emulator (its minute a second long), which sends its webhooks back.

const repo = 'acme/desktop';
const secret = 'rescue browser test secret';
const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const password = 'a customer password that is long';
const engineer = 'eng-octo';

let emulator: GithubEmulator;
let portal: Portal;

beforeAll(async () => {
  emulator = await startGithubEmulator({ repos: [repo], webhookSecret: secret, timeScale: 60 });
  await emulator.control.setAssociation(repo, engineer, 'COLLABORATOR');
  portal = await startPortalOnGithub(emulator, { GITHUB_WEBHOOK_SECRET: secret, GITHUB_TIME_SCALE: '60' });
  await emulator.control.setWebhookUrl(`${portal.baseUrl}/api/github/webhooks`);
});

afterAll(async () => {
  await portal?.stop();
  await emulator?.stop();
});

/** Accepts the e-mailed invitation, the program's terms and a handle, as the portal would: the MVP's own client. */
async function becomeMvp(baseUrl: string, invitationLink: string, programId: string, handle: string) {
  const client = createClient(baseUrl, {
    headers: { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` },
  });
  const name = `Customer ${handle}`;
  await bodyOf(
    await client.api.api.invitations.accept.$post({ json: { token: tokenOf(invitationLink), name, password } }),
    200,
  );
  const pending = await bodyOf(await client.api.api.me.terms.$get(), 200);
  const version = pending.items.find((item) => item.programId === programId)?.version ?? 1;
  await bodyOf(
    await client.api.api.programs[':id'].terms.acceptance.$post({ param: { id: programId }, json: { version } }),
    201,
  );
  await bodyOf(
    await client.api.api.me.profile.$put({ json: { name, company: 'Acme', handle, platforms: [], devices: [] } }),
    200,
  );
  return client;
}

const labelNames = (issue: { labels: (string | { name?: string })[] }) =>
  issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? '')));

describe('the Rescue page', () => {
  it('three MVPs reproduce a not-planned bug, and the lead finds it on the Rescue list and sends it back', async () => {
    const {
      context,
      page,
      errors,
      api: leadApi,
    } = await firstAdminSession(portal, lead, { viewport: { width: 1200, height: 900 } });
    const reporterEmail = 'rita@example.test';
    const { release, invitationLink } = await prepareRelease(leadApi, { name: 'Rita Reporter', email: reporterEmail });
    const programId = (await bodyOf(await leadApi.api.api.programs.$get(), 200)).items[0]!.id;

    const rita = await becomeMvp(portal.baseUrl, invitationLink, programId, 'rita-finds');
    const report = await fileReport(rita, {
      releaseId: release.id,
      title: 'Exporting to PDF drops the page footer',
      steps: 'Export any document with a footer to PDF.',
      expected: 'The footer on every page',
      actual: 'No footer',
      severity: 'major',
      component: 'Printing',
    });
    // The sync creates the issue; engineering closes it as not planned on GitHub.
    const issue = await until(
      () => emulator.control.issues(repo),
      (issues) => issues.some((each) => each.title === report.title),
    ).then((issues) => issues.find((each) => each.title === report.title)!);
    await emulator.control.updateIssue(repo, issue.number, {
      login: engineer,
      state: 'closed',
      state_reason: 'not_planned',
    });
    await until(
      () => leadApi.api.api.reports[':id'].$get({ param: { id: report.id } }).then((r) => bodyOf(r, 200)),
      (read) => JSON.stringify(read).includes('"not_planned"'),
    );

    // Three other customers hit it too.
    const handles = ['ana-finds', 'ben-finds', 'cleo-finds'];
    for (const [index, handle] of handles.entries()) {
      const email = `${handle}@example.test`;
      const link = await inviteToRelease(leadApi, release.id, { name: `Invited ${email}`, email });
      const client = await becomeMvp(portal.baseUrl, link, programId, handle);
      await bodyOf(
        await client.api.api.reports[':id']['me-too'].$post({
          param: { id: report.id },
          json: {
            note: `The footer is gone for me too (${handle})`,
            environment: { os: index === 2 ? 'macOS 15' : 'Windows 11', build: '1.0.0-beta.1' },
          },
        }),
        201,
      );
    }

    // The lead goes from the program page to the Rescue list.
    await page.goto(`${portal.baseUrl}/programs/${programId}`);
    await page.getByRole('link', { name: 'Rescue', exact: true }).click();
    await page.getByRole('heading', { name: /^Rescue/ }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: report.title }) });
    await card.waitFor();
    const evidence = await card.textContent();
    expect(evidence).toContain('3 customers, 3 reproductions');
    expect(evidence).toContain('Windows 11 · build 1.0.0-beta.1: 2');
    for (const handle of handles) expect(evidence).toContain(handle);
    await screenshot(page, 'rescue-list');

    await card.getByRole('button', { name: 'Send back to engineering' }).click();
    await card.getByRole('button', { name: 'Send back', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Sent:' }).waitFor();
    const sentSection = page.getByRole('region', { name: /Sent back/ });
    await sentSection.getByRole('heading', { name: report.title }).waitFor();
    await screenshot(page, 'rescue-sent');

    // GitHub gets one comment and the rescue label.
    const comments = await until(
      () => emulator.control.comments(repo, issue.number),
      (list) => list.length > 0,
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('**3 customers** reproduced this');
    for (const handle of handles) expect(comments[0]!.body).toContain(handle);
    await until(
      () => emulator.control.issues(repo),
      (issues) => labelNames(issues.find((each) => each.number === issue.number)!).includes('fieldtest: rescue'),
    );
    await page.reload();
    await page
      .getByRole('region', { name: /Sent back/ })
      .getByText('comment on GitHub')
      .waitFor();
    // The report's timeline says what the lead did, as staff see it.
    await page.goto(`${portal.baseUrl}/reports/${report.id}`);
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByText(/sent it back to engineering with this summary/)
      .waitFor();
    expect(errors()).toEqual([]);
    await context.close();
  });
});
