import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { portalForFile } from '../support/portal-fixtures.ts';

const portal = portalForFile();

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };
const program = { name: 'Acme Desktop MVPs', product: 'Acme Desktop', repo: 'acme/desktop' };
const termsText = 'Keep **pre-release builds** to yourself, and tell us what breaks.';

/** The wall-clock value a datetime-local input takes; the browser runs in this process's time zone. */
function dateTimeLocal(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

describe('enrolment through an invitation', () => {
  it('takes an invited customer from the e-mail link through the terms to the release, and shows them active', async () => {
    const { page: leadPage, errors: leadErrors } = await firstAdminSession(portal, lead);
    const nav = leadPage.getByRole('navigation', { name: 'Main' });

    // A program, with version 1 of its terms.
    await nav.getByRole('link', { name: 'Programs' }).click();
    await leadPage.getByRole('heading', { name: 'Programs', exact: true }).waitFor();
    await leadPage.getByRole('button', { name: 'New program' }).click();
    await leadPage.getByLabel('Name', { exact: true }).fill(program.name);
    await leadPage.getByLabel('Product', { exact: true }).fill(program.product);
    await leadPage.getByLabel('GitHub repository').fill(program.repo);
    await leadPage.getByLabel('Components').fill('Sync\nPrinting');
    await leadPage.getByLabel('Terms', { exact: true }).fill(termsText);
    await leadPage.getByRole('button', { name: 'Create program' }).click();
    await leadPage.getByRole('heading', { name: program.name, level: 1 }).waitFor();

    // A release whose test window is open now.
    const now = Date.now();
    await leadPage.getByRole('button', { name: 'New release' }).click();
    await leadPage.getByLabel('Version').fill('1.0');
    await leadPage.getByLabel('Build').fill('1.0.0-beta.1');
    await leadPage.getByLabel('Test window start').fill(dateTimeLocal(new Date(now - 24 * 3600_000)));
    await leadPage.getByLabel('Test window end').fill(dateTimeLocal(new Date(now + 13 * 24 * 3600_000)));
    await leadPage.getByLabel('Focus areas').fill('Sync after sleep\nPrinting long documents');
    await leadPage
      .getByLabel('Instructions')
      .fill('Install **build 1.0.0-beta.1**, then:\n\n- sign in\n- print a long document');
    await leadPage.getByLabel('Cohort capacity').fill('10');
    await leadPage.getByRole('button', { name: 'Create release' }).click();
    await leadPage.getByRole('heading', { name: 'Release 1.0', level: 1 }).waitFor();
    const releaseUrl = leadPage.url();

    await leadPage.getByRole('button', { name: 'Start testing' }).click();
    await leadPage.getByRole('button', { name: 'Yes, start testing' }).click();
    await leadPage.getByRole('button', { name: 'Ship release' }).waitFor();

    await leadPage.getByRole('link', { name: program.name }).click();
    await leadPage.getByRole('heading', { name: program.name, level: 1 }).waitFor();
    await leadPage.getByRole('link', { name: 'Release 1.0' }).waitFor();
    await screenshot(leadPage, 'enrolment-program-page');

    // One customer, invited by pasting a line.
    await leadPage.getByRole('link', { name: 'Release 1.0' }).click();
    await leadPage.getByLabel('Invitees').fill(`${customer.name}, ${customer.email}, Acme`);
    await expect.poll(() => leadPage.locator('.invite-preview').textContent()).toMatch(/1 person to invite/);
    await leadPage.getByRole('button', { name: 'Send invitations' }).click();
    await leadPage.getByText(`Invited ${customer.name}.`).waitFor();
    const cohortRow = leadPage.getByRole('row', { name: new RegExp(customer.name) });
    await expect.poll(() => cohortRow.textContent()).toMatch(/Invited/);
    expect(await cohortRow.textContent()).toContain(customer.email);
    await screenshot(leadPage, 'enrolment-cohort-invited');

    // Without SMTP the invitation waits in the outbox, where the lead finds its link.
    await nav.getByRole('link', { name: 'Outbox' }).click();
    await leadPage.getByRole('heading', { name: 'Outbox', exact: true }).waitFor();
    await leadPage.getByText('No SMTP server is configured').waitFor();
    await leadPage.getByText(`You are invited to test ${program.product} 1.0`).click();
    const invitationLink = await leadPage.locator('.mail-text a[href*="/invitation#"]').getAttribute('href');
    expect(invitationLink).toMatch(/^http:\/\/\S+\/invitation#[A-Za-z0-9_-]{43}$/);
    await screenshot(leadPage, 'enrolment-outbox');

    // The customer, in a browser of their own.
    const { page: customerPage, errors: customerErrors } = await openPage(portal.browser);
    await customerPage.goto(invitationLink!);
    await customerPage.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await customerPage.getByText(`${program.name} invites you to test`).waitFor();
    expect(await customerPage.getByLabel('Name').inputValue()).toBe(customer.name);
    await customerPage.getByLabel('Password').fill(customer.password);
    await customerPage.getByRole('button', { name: 'Join' }).click();

    await customerPage.getByRole('heading', { name: 'Accept the terms' }).waitFor();
    await customerPage.getByRole('heading', { name: new RegExp(program.name) }).waitFor();
    await customerPage.locator('.terms-box strong', { hasText: 'pre-release builds' }).waitFor();
    await screenshot(customerPage, 'enrolment-terms');
    await customerPage.getByRole('button', { name: 'I accept' }).click();

    await customerPage.getByRole('heading', { name: 'Your releases' }).waitFor();
    await customerPage.getByRole('heading', { name: `${program.product} 1.0` }).waitFor();
    await customerPage.locator('.markdown strong', { hasText: 'build 1.0.0-beta.1' }).waitFor();
    const releaseCard = customerPage.locator('section.my-release');
    expect(await releaseCard.textContent()).toContain('Sync after sleep');
    expect(await releaseCard.textContent()).toContain('Testing now');
    await screenshot(customerPage, 'enrolment-mvp-home');

    // Back with the lead: the customer is active, having accepted version 1 of the terms.
    await leadPage.goto(releaseUrl);
    await expect.poll(() => cohortRow.textContent()).toMatch(/Active/);
    expect(await cohortRow.locator('td[data-label="Terms accepted"]').textContent()).toBe('v1');
    await screenshot(leadPage, 'enrolment-cohort-active');

    expect([...leadErrors(), ...customerErrors()]).toEqual([]);
  }, 120_000);
});
