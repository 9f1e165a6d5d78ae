import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession, joinedCustomerPage } from '../support/browser-flows.ts';
import { apiAs, portalForFile, prepareRelease } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

const portal = portalForFile();

const lead = { name: 'Noa Lead', email: 'noa@example.test', password: 'the program lead password' };
const customer = { name: 'Mika Customer', email: 'mika@example.test', password: 'mika chooses a long one' };

describe('e-mail notices', () => {
  it('staff choose on their account page and an MVP on their profile, where e-mails link, each saved with a confirmation', async () => {
    const { page: leadPage, errors: leadErrors, api: leadApi } = await firstAdminSession(portal, lead);
    const { invitationLink } = await prepareRelease(leadApi, customer);

    await leadPage.goto(`${portal.baseUrl}/account`);
    const comments = leadPage.getByRole('group', { name: 'Comments from engineering' });
    await comments.getByRole('radio', { name: 'At once' }).waitFor();
    expect(await comments.getByRole('radio', { name: 'At once' }).isChecked()).toBe(true);
    await comments.getByRole('radio', { name: 'In a daily digest' }).check();
    await leadPage.getByRole('button', { name: 'Save e-mail choices' }).click();
    await leadPage.getByRole('status').filter({ hasText: 'Your e-mail choices are saved.' }).waitFor();
    await screenshot(leadPage, 'notices-account');
    const chosen = await bodyOf(await leadApi.api.api.me['notice-preferences'].$get(), 200);
    expect(chosen.items.find((item) => item.kind === 'comment')?.delivery).toBe('daily');
    await leadPage.reload();
    await expect
      .poll(() =>
        comments
          .getByRole('radio', { name: 'In a daily digest' })
          .isChecked()
          .catch(() => false),
      )
      .toBe(true);
    expect(leadErrors()).toEqual([]);

    const { page, errors } = await joinedCustomerPage(portal, invitationLink, customer.password, {
      viewport: { width: 1100, height: 900 },
    });

    // The link every notice e-mail ends with.
    await page.goto(`${portal.baseUrl}/profile#notices`);
    const heading = page.getByRole('heading', { name: 'E-mail notices' });
    await heading.waitFor();
    await expect.poll(() => heading.isVisible()).toBe(true);
    const triaged = page.getByRole('group', { name: 'Triaged' });
    await triaged.getByRole('radio', { name: 'Off' }).check();
    await page.getByRole('button', { name: 'Save e-mail choices' }).click();
    await page.getByRole('status').filter({ hasText: 'Your e-mail choices are saved.' }).waitFor();
    await screenshot(page, 'notices-profile');
    const customerApi = await apiAs(page.context(), portal.baseUrl);
    const theirs = await bodyOf(await customerApi.api.api.me['notice-preferences'].$get(), 200);
    expect(Object.fromEntries(theirs.items.map((item) => [item.kind, item.delivery]))).toMatchObject({
      triaged: 'off',
      comment: 'immediate',
    });
    // A change after saving takes the confirmation away until it is saved too.
    await triaged.getByRole('radio', { name: 'In a daily digest' }).check();
    expect(await page.getByText('Your e-mail choices are saved.').count()).toBe(0);
    expect(errors()).toEqual([]);
  });
});
