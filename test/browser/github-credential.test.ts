import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { type Portal, prepareRelease, startPortalOnGithub } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

// A lead gives a program a GitHub credential of its own on the program page: the form checks what
// is entered, the repository is checked with it on saving, and what was entered is never shown again.

const repo = 'acme/desktop';
const programToken = `ghp_${randomBytes(18).toString('hex')}`;
const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };

let emulator: GithubEmulator;
let portal: Portal;

beforeAll(async () => {
  emulator = await startGithubEmulator({ repos: [repo], tokens: [{ token: programToken, login: 'desktop-bot' }] });
  portal = await startPortalOnGithub(emulator, { CREDENTIALS_KEY: randomBytes(32).toString('base64') });
});

afterAll(async () => {
  await portal?.stop();
  await emulator?.stop();
});

describe("a program's GitHub access", () => {
  it('takes a token of its own on the program page, checks the repository with it, and never shows it again', async () => {
    const { context, page, errors, api } = await firstAdminSession(portal, lead, {
      viewport: { width: 1200, height: 900 },
    });
    await prepareRelease(api, { name: 'Rita Reporter', email: 'rita@example.test' });
    const programId = (await bodyOf(await api.api.api.programs.$get(), 200)).items[0]!.id;

    await page.goto(`${portal.baseUrl}/programs/${programId}`);
    await page.getByRole('heading', { name: 'GitHub access' }).waitFor();
    await page.getByText("Reports go out with the server's token.").waitFor();
    await page.getByRole('button', { name: 'Use a credential of its own' }).click();
    await page.getByRole('button', { name: 'Save and check' }).click();
    await page.getByText('Enter the token').waitFor();
    await page.getByLabel('Token', { exact: true }).fill('two words');
    await page.getByLabel('Token', { exact: true }).blur();
    await page.getByText('A GitHub token has only letters, digits, _, - and .').waitFor();

    await page.getByLabel('Token', { exact: true }).fill(programToken);
    await page.getByRole('button', { name: 'Save and check' }).click();
    await page.getByText('Saved; the repository was checked with it.').waitFor();
    await page.getByText(`this program's own credential: token ending …${programToken.slice(-4)}`).waitFor();
    await page.getByText(/Connected to acme\/desktop/).waitFor();
    await screenshot(page, 'program-github-access');
    expect(await page.content()).not.toContain(programToken.slice(0, -4));
    // The labels the sync needs were created with the program's token.
    expect((await emulator.control.stats()).violations).toEqual([]);

    await page.getByRole('button', { name: "Use the server's credential" }).click();
    await page.getByText("Reports go out with the server's token.").waitFor();
    expect(errors()).toEqual([]);
    await context.close();
  });
});
