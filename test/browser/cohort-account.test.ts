import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { createClient } from '../support/http-client.ts';
import { acceptInvitation, portalForFile, prepareRelease } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

const portal = portalForFile();

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };

describe("an MVP's account in the cohort", () => {
  it('is disabled from the cohort panel after a confirmation, which signs the customer out, and enabled again', async () => {
    const { page: leadPage, errors, api } = await firstAdminSession(portal, lead);
    const { release, invitationLink } = await prepareRelease(api, customer);

    // The customer accepts through the API, as their browser would, and is signed in.
    const customerApi = await acceptInvitation(portal.baseUrl, invitationLink, customer);
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
