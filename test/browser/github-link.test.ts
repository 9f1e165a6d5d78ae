import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { screenshot, watchPageErrors } from '../support/browser.ts';
import { firstAdminSession, joinedCustomerPage } from '../support/browser-flows.ts';
import { addProgram, apiAs, type Portal, prepareRelease, startPortalOnGithub } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

// An MVP links their GitHub account from their profile: the browser goes to GitHub's approval page
// (the emulator's, signed in as their login) and comes back to the profile, linked.

const oauth = { clientId: 'Iv1.fieldtest-browser', clientSecret: 'browser test client secret' };
const lead = { name: 'Noa Lead', email: 'noa@example.test', password: 'the program lead password' };
const customer = { name: 'Mika Customer', email: 'mika@example.test', password: 'mika chooses a long one' };

let emulator: GithubEmulator;
let portal: Portal;
let leadContext: BrowserContext;

beforeAll(async () => {
  emulator = await startGithubEmulator({ repos: ['acme/desktop'], oauth });
  portal = await startPortalOnGithub(emulator, {
    GITHUB_OAUTH_CLIENT_ID: oauth.clientId,
    GITHUB_OAUTH_CLIENT_SECRET: oauth.clientSecret,
    GITHUB_WEB_URL: emulator.url,
  });
}, 90_000);

afterAll(async () => {
  await portal?.stop();
  await emulator?.stop();
});

describe('linking a GitHub account', () => {
  it('goes to GitHub and back to the profile, linked, and can be undone', async () => {
    const admin = await firstAdminSession(portal, lead);
    leadContext = admin.context;
    const { invitationLink } = await prepareRelease(admin.api, customer);

    const { page, errors } = await joinedCustomerPage(portal, invitationLink, customer.password, {
      viewport: { width: 1100, height: 900 },
    });

    await emulator.control.signInBrowser('mika-octo');
    await page.goto(`${portal.baseUrl}/profile`);
    await page.getByRole('button', { name: 'Link my GitHub account' }).click();
    await page.getByText('Your GitHub account is linked.').waitFor();
    await page.getByText('Linked to').waitFor();
    expect(await page.getByText('mika-octo').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/profile');
    await screenshot(page, 'github-linked');
    const api = await apiAs(page.context(), portal.baseUrl);
    expect(await bodyOf(await api.api.api.me.github.$get(), 200)).toEqual({ login: 'mika-octo', linkable: true });

    await page.getByRole('button', { name: 'Unlink' }).click();
    await page.getByRole('button', { name: 'Link my GitHub account' }).waitFor();
    expect(await bodyOf(await api.api.api.me.github.$get(), 200)).toEqual({ login: null, linkable: true });
    expect(errors()).toEqual([]);
  });

  it("tells the program's lead which repository is connected, and which is not and why", async () => {
    const api = await apiAs(leadContext, portal.baseUrl);
    const connected = (await bodyOf(await api.api.api.programs.$get(), 200)).items[0]!;
    const nowhere = await addProgram(api, {
      name: 'Acme Mobile MVPs',
      product: 'Acme Mobile',
      githubRepo: 'acme/nowhere',
      components: [],
    });
    // Creating a program checks its repository in the background.
    await expect
      .poll(async () => {
        const check = await api.api.api.programs[':id']['repository-check'].$get({ param: { id: nowhere.id } });
        return (await bodyOf(check, 200)).checkedAt !== null;
      })
      .toBe(true);
    const page = await leadContext.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${portal.baseUrl}/programs/${connected.id}`);
    await page.getByText('Connected to').waitFor();
    await page.goto(portal.baseUrl);
    const notice = page.getByRole('alert').filter({ hasText: 'Not connected to GitHub' });
    await notice.waitFor();
    expect(await notice.getByRole('link', { name: nowhere.name }).count()).toBe(1);
    expect(await notice.textContent()).toContain('GitHub has no repository acme/nowhere');
    await screenshot(page, 'home-unconnected-program');
    expect(errors()).toEqual([]);
  });
});
