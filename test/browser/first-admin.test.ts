import { describe, expect, it } from 'vitest';
import { openPage, screenshot, watchPageErrors } from '../support/browser.ts';
import { signedInPage } from '../support/browser-flows.ts';
import { portalForFile } from '../support/portal-fixtures.ts';

const portal = portalForFile();

const admin = { name: 'Ada Lead', email: 'ada@example.test', password: 'a long enough password' };

describe('a newcomer on a fresh install', () => {
  it('creates the first admin through the setup link, signs out and signs in again', async () => {
    const page = await portal.browser.newPage();
    const pageErrors = watchPageErrors(page);

    await page.goto(portal.setupLink);
    await page.getByRole('heading', { name: 'Create the first admin' }).waitFor();
    await page.getByLabel('Name').fill(admin.name);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await screenshot(page, 'first-admin-setup');
    await page.getByRole('button', { name: 'Create admin account' }).click();

    await page.getByRole('heading', { name: `Welcome, ${admin.name}` }).waitFor();
    await screenshot(page, 'first-admin-home');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong e-mail or password/i);

    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${admin.name}` }).waitFor();
    await screenshot(page, 'signed-in-home');

    // The setup link is spent.
    await page.goto(portal.setupLink);
    await expect.poll(() => page.locator('body').textContent()).toMatch(/already been used|already exists|sign in/i);

    expect(pageErrors()).toEqual([]);
    await page.close();
  });

  it('lets the admin add an engineer, who chooses a password through the link', async () => {
    const { context, page, errors: pageErrors } = await signedInPage(portal, admin);
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { name: 'Staff', exact: true }).waitFor();

    await page.getByLabel('Name').fill('Grace Engineer');
    await page.getByLabel('E-mail').fill('grace@example.test');
    await page.getByLabel('Role', { exact: true }).selectOption('engineer');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const link = await page.locator('text=/\\/set-password#[A-Za-z0-9_-]{43}/').first().textContent();
    await screenshot(page, 'staff-created');
    const passwordLink = link!.match(/http\S+\/set-password#[A-Za-z0-9_-]{43}/)![0];

    const { page: newcomer, errors: newcomerErrors } = await openPage(portal.browser);
    await newcomer.goto(passwordLink);
    await newcomer.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await newcomer.getByLabel('Password').fill('grace has a long password');
    await newcomer.getByRole('button', { name: 'Set password' }).click();
    await newcomer.getByRole('heading', { name: 'Welcome, Grace Engineer' }).waitFor();
    await expect.poll(() => newcomer.getByRole('link', { name: 'Staff' }).count()).toBe(0);
    await screenshot(newcomer, 'engineer-home');

    expect([...pageErrors(), ...newcomerErrors()]).toEqual([]);
    await context.close();
  });
});
