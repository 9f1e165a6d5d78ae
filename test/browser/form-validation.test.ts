import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from '../support/browser.ts';
import { firstAdminSession, joinedCustomerPage } from '../support/browser-flows.ts';
import { portalForFile, prepareRelease, signIn } from '../support/portal-fixtures.ts';

// The bug form as a customer fills it in: each field is checked as they leave it, an error goes as
// soon as the field is fixed, and a submit with errors takes them to the first one, without asking
// the server about what the page already knows (the program's components included).

const portal = portalForFile();

const admin = { name: 'Avery Admin', email: 'avery@example.test', password: 'a long enough password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };

/** The error under a field, found through the field's own description. */
async function errorOf(page: Page, label: string): Promise<string | null> {
  return page.getByLabel(label, { exact: true }).evaluate((field) => {
    const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    const error = ids.map((id) => document.getElementById(id)).find((node) => node?.classList.contains('field-error'));
    return error?.textContent ?? null;
  });
}

describe('the bug form', () => {
  it('checks each field as it is left, clears an error once fixed, and takes a refused submit to the first error', async () => {
    const { context: adminContext, api } = await firstAdminSession(portal, admin);
    const { invitationLink } = await prepareRelease(api, customer);

    const { context, page, errors } = await joinedCustomerPage(portal, invitationLink, customer.password, {
      viewport: { width: 1280, height: 800 },
    });
    const filings: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/reports')
        filings.push(request.url());
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'File a bug' }).click();
    await page.getByRole('heading', { name: 'File a bug', level: 1 }).waitFor();

    // Leaving the title empty says what to do; typing shows the next rule, then the error goes.
    const title = page.getByLabel('Title', { exact: true });
    await title.focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf(page, 'Title')).toBe('Give the bug a title: one line that names what goes wrong');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await title.fill('Pr');
    await expect.poll(() => errorOf(page, 'Title')).toBe('Use at least 3 characters');
    await title.fill('Printing a long document crashes');
    await expect.poll(() => errorOf(page, 'Title')).toBe(null);
    expect(await title.getAttribute('aria-invalid')).toBe('false');

    // Submitting from the bottom of the long form: focus and view go to the first field at fault,
    // and the component the program requires is asked for here, before any request.
    await page.getByRole('button', { name: 'File bug' }).scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'File bug' }).click();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null))
      .toBe('steps');
    const inView = await page.getByLabel('Steps to reproduce', { exact: true }).evaluate((field) => {
      const box = field.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await errorOf(page, 'Steps to reproduce')).toBe('Describe the steps that lead to the bug');
    expect(await errorOf(page, 'Component')).toBe('Choose the component where it happens');
    expect(await page.getByText('Choose a severity').count()).toBe(1);
    expect(filings).toEqual([]);
    await screenshot(page, 'form-validation-refused');

    // Each error goes as its field is fixed, before the next submit.
    await page.getByLabel('Steps to reproduce', { exact: true }).fill('1. Open a long document\n2. Print');
    await expect.poll(() => errorOf(page, 'Steps to reproduce')).toBe(null);
    await page.getByLabel('Component', { exact: true }).selectOption('Printing');
    await expect.poll(() => errorOf(page, 'Component')).toBe(null);
    await page.getByLabel('Expected result', { exact: true }).fill('It prints');
    await page.getByLabel('Actual result', { exact: true }).fill('The editor closes');
    await page.getByRole('radio', { name: 'Major' }).check();
    await expect.poll(() => page.getByText('Choose a severity').count()).toBe(0);
    await page.getByRole('button', { name: 'File bug' }).click();
    await page.getByText('Filed: “Printing a long document crashes”').waitFor();
    expect(filings).toHaveLength(1);
    expect(errors()).toEqual([]);
    await context.close();
    await adminContext.close();
  }, 120_000);
});

describe('every other form', () => {
  it('checks a field as it is left and clears it once fixed; an error the server gave stays until its field changes', async () => {
    const { context, page, errors } = await openPage(portal.browser, { viewport: { width: 1280, height: 800 } });

    // Signed out: the sign-in form.
    await page.goto(`${portal.baseUrl}/sign-in`);
    const email = page.getByLabel('E-mail', { exact: true });
    await email.fill('avery@');
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf(page, 'E-mail')).toBe('Enter a valid e-mail address');
    // Only the field left is checked: the password, not yet visited, says nothing.
    expect(await errorOf(page, 'Password')).toBe(null);
    await email.fill('avery@example.test');
    await expect.poll(() => errorOf(page, 'E-mail')).toBe(null);

    // An admin adding a staff member.
    await signIn(page, portal.baseUrl, admin);
    await page.goto(`${portal.baseUrl}/staff`);
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    const name = page.getByLabel('Name', { exact: true });
    await name.focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf(page, 'Name')).toBe('Enter a name');
    await name.fill('Robin Engineer');
    await expect.poll(() => errorOf(page, 'Name')).toBe(null);
    // The server knows what the page cannot: the e-mail is taken. Its error stays while other
    // fields change, and goes once the e-mail does.
    await page.getByLabel('E-mail', { exact: true }).fill(admin.email);
    await page.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => errorOf(page, 'E-mail')).toBe('An account with this e-mail exists');
    await name.fill('Robin Engineer-Smith');
    await page.getByLabel('Role', { exact: true }).focus();
    await expect.poll(() => errorOf(page, 'E-mail')).toBe('An account with this e-mail exists');
    await page.getByLabel('E-mail', { exact: true }).fill('robin@example.test');
    await expect.poll(() => errorOf(page, 'E-mail')).toBe(null);
    expect(errors()).toEqual([]);
    await context.close();
  }, 60_000);
});
