import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, watchPageErrors } from '../support/browser.ts';
import { createClient } from '../support/http-client.ts';
import { apiAs, prepareRelease, startPortal } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

let browser: Browser;
let portal: Awaited<ReturnType<typeof startPortal>>;

beforeAll(async () => {
  portal = await startPortal();
  ({ browser } = portal);
});

afterAll(() => portal?.stop());

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };

describe("an MVP's account in the cohort", () => {
  it('is disabled from the cohort panel after a confirmation, which signs the customer out, and enabled again', async () => {
    const leadContext = await browser.newContext();
    const leadPage = await leadContext.newPage();
    const errors = watchPageErrors(leadPage);
    await leadPage.goto(portal.setupLink);
    await leadPage.getByLabel('Name').fill(lead.name);
    await leadPage.getByLabel('E-mail').fill(lead.email);
    await leadPage.getByLabel('Password').fill(lead.password);
    await leadPage.getByRole('button', { name: 'Create admin account' }).click();
    await leadPage.getByRole('heading', { name: `Welcome, ${lead.name}` }).waitFor();
    const { release, invitationLink } = await prepareRelease(await apiAs(leadContext, portal.baseUrl), customer);

    // The customer accepts through the API, as their browser would, and is signed in.
    const customerApi = createClient(portal.baseUrl);
    await bodyOf(
      await customerApi.api.api.invitations.accept.$post({
        json: { token: new URL(invitationLink).hash.slice(1), name: customer.name, password: customer.password },
      }),
      200,
    );
    expect((await customerApi.api.api.auth.me.$get()).status).toBe(200);

    await leadPage.goto(`${portal.baseUrl}/releases/${release.id}`);
    const row = leadPage.getByRole('row', { name: new RegExp(customer.name) });
    await expect.poll(() => row.textContent()).toMatch(/Active/);
    await row.getByRole('button', { name: 'Disable account' }).click();
    await row.getByText(/They are signed out at once/).waitFor();
    await screenshot(leadPage, 'cohort-account-disable-question');
    await row.getByRole('button', { name: `Disable account of ${customer.name}` }).click();
    await row.getByText('Account disabled').waitFor();
    await row.getByRole('button', { name: 'Enable account' }).waitFor();
    await screenshot(leadPage, 'cohort-account-disabled');
    expect((await customerApi.api.api.auth.me.$get()).status).toBe(401);

    await row.getByRole('button', { name: 'Enable account' }).click();
    await row.getByRole('button', { name: `Enable account of ${customer.name}` }).click();
    await row.getByRole('button', { name: 'Disable account' }).waitFor();
    expect(await row.textContent()).not.toContain('Account disabled');
    const again = createClient(portal.baseUrl);
    await bodyOf(
      await again.api.api.auth['sign-in'].$post({ json: { email: customer.email, password: customer.password } }),
      200,
    );

    expect(errors()).toEqual([]);
  }, 120_000);
});
