import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { portalForFile, prepareRelease } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

const portal = portalForFile();

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const applicant = {
  name: 'Ada Applicant',
  email: 'ada@example.test',
  company: 'Initech',
  jobRole: 'IT administrator',
  motivation: 'We print long documents every day.',
};
const programName = 'Acme Desktop MVPs';

describe('applying through the join link', () => {
  it('takes an applicant from the public link through the confirmation e-mail to the lead’s queue', async () => {
    const { page: leadPage, errors: leadErrors, baseUrl, api: leadApi } = await firstAdminSession(portal, lead);
    const { release } = await prepareRelease(leadApi, { name: 'Casey Customer', email: 'casey@example.test' });
    const joinLink = await bodyOf(
      await leadApi.api.api.releases[':id']['join-link'].$put({
        param: { id: release.id },
        json: { enabled: true, cap: null },
      }),
      200,
    );

    // The applicant, in a browser of their own, fills in the public form.
    const { page, errors } = await openPage(portal.browser);
    await page.goto(joinLink.url!);
    await page.getByRole('heading', { name: `Join ${programName}` }).waitFor();
    await page.getByLabel('Name').fill(applicant.name);
    // A field is checked as it is left, and its error goes as soon as it is fixed.
    await page.getByLabel('E-mail').fill('not an address');
    await page.getByLabel('Company').focus();
    await expect.poll(() => page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('E-mail').fill(applicant.email);
    await expect.poll(() => page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('false');
    await page.getByLabel('Company').fill(applicant.company);
    await page.getByLabel('Role').fill(applicant.jobRole);
    await page.getByLabel('Platforms').fill('Windows 11');
    await page.getByLabel('Devices').fill('Surface Laptop 5');
    await page.getByLabel('Why do you want in?').fill(applicant.motivation);
    await page.getByRole('button', { name: 'Apply to test' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain(applicant.email);
    await screenshot(page, 'join-check-your-email');

    // Nothing reaches the lead's queue before the address is confirmed.
    const releaseUrl = `${baseUrl}/releases/${release.id}`;
    await leadPage.goto(releaseUrl);
    await leadPage.getByRole('heading', { name: 'Applications' }).waitFor();
    await leadPage.getByText('No application waiting.').waitFor();

    // Without SMTP the confirmation request waits in the outbox, where the lead finds its link.
    await leadPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    await leadPage.getByText('Confirm your application to test Acme Desktop 1.0').click();
    const mailText = (await leadPage.locator('.mail-text').first().textContent()) ?? '';
    for (const typed of [applicant.name, applicant.company, applicant.jobRole, applicant.motivation])
      expect(mailText).not.toContain(typed);
    const confirmationLink = await leadPage.locator('.mail-text a[href*="/join/confirm#"]').getAttribute('href');
    expect(confirmationLink).toMatch(/^http:\/\/\S+\/join\/confirm#[A-Za-z0-9_-]{43}$/);

    // The applicant opens it, sees what they sent, and confirms.
    await page.goto(confirmationLink!);
    await page.getByRole('heading', { name: 'Confirm your application' }).waitFor();
    await page.getByText(applicant.motivation).waitFor();
    await screenshot(page, 'join-confirm');
    await page.getByRole('button', { name: 'Confirm my application' }).click();
    await page.getByRole('heading', { name: 'Thank you for applying' }).waitFor();

    // A link confirms once.
    await page.goto('about:blank');
    await page.goto(confirmationLink!);
    await page.getByText('This application has already been confirmed.').waitFor();

    // The application now waits for the lead.
    await leadPage.goto(releaseUrl);
    const queued = leadPage.locator('li.application', { hasText: applicant.name });
    await queued.waitFor();
    expect(await queued.textContent()).toContain(applicant.motivation);
    await leadPage.getByRole('button', { name: `Approve ${applicant.name}` }).waitFor();
    await screenshot(leadPage, 'join-queue');

    expect([...leadErrors(), ...errors()]).toEqual([]);
  }, 120_000);
});
