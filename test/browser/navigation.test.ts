import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession, joinedCustomerPage, signedInPage } from '../support/browser-flows.ts';
import { apiAs, portalForFile, prepareRelease } from '../support/portal-fixtures.ts';

// The header as an admin and a customer use it: one row of links on a laptop, a menu on a phone;
// every page titles the window after its heading, and following a link moves focus to it.

const portal = portalForFile();

const admin = { name: 'Avery Administrator', email: 'avery@example.test', password: 'a long enough password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };
const laptop = { width: 1280, height: 800 };
const phone = { width: 375, height: 740 };

/** The vertical extent of the header's row: the brand, every link, the name and Sign out. */
async function headerRows(page: Page) {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('header .brand, header nav a, header .who-name, header .who button')];
    const tops = items.map((item) =>
      Math.round(item.getBoundingClientRect().top + item.getBoundingClientRect().height / 2),
    );
    return { items: items.length, spread: Math.max(...tops) - Math.min(...tops) };
  });
}

/** The window's title and whether the page's heading holds focus. */
async function pageState(page: Page) {
  return page.evaluate(() => ({
    title: document.title,
    heading: document.querySelector('#content h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    headingFocused: document.activeElement === document.querySelector('#content h1'),
  }));
}

async function follow(page: Page, link: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await expect.poll(async () => (await pageState(page)).headingFocused, { timeout: 10_000 }).toBe(true);
  const state = await pageState(page);
  expect(state.heading).toBeTruthy();
  expect(state.title).toBe(`${state.heading} · Fieldtest`);
  return state.title;
}

describe('the header and page titles', () => {
  it("an admin's links stand in one row at 1280 px; every page has its own title and takes focus", async () => {
    const { context, page, errors } = await firstAdminSession(portal, admin, { viewport: laptop });
    expect(await page.title()).toBe(`Welcome, ${admin.name} · Fieldtest`);

    const rows = await headerRows(page);
    expect(rows.items).toBe(11); // brand, eight links, the name, Sign out
    expect(rows.spread).toBeLessThan(12);
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await screenshot(page, 'navigation-admin-laptop');

    const titles = new Set<string>();
    for (const link of ['Programs', 'File a bug', 'My reports', 'Staff', 'Outbox', 'Audit', 'Account', 'Home'])
      titles.add(await follow(page, link));
    expect(titles.size).toBe(8);

    // The keyboard starts from the new page: the next Tab leaves the heading for what follows it.
    await follow(page, 'Staff');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#content'))).toBe(true);

    // A page opened directly is titled too, and nothing steals focus from the address bar's page.
    await page.goto(`${portal.baseUrl}/audit`);
    await expect.poll(() => page.title()).toBe('Audit · Fieldtest');
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('folds into a menu on a 375 px phone, for an admin and for a customer', async () => {
    const { context: adminContext, page, errors } = await signedInPage(portal, admin, { viewport: phone });
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    const closedHeight = await page.locator('header.top').evaluate((header) => header.getBoundingClientRect().height);
    expect(closedHeight).toBeLessThan(80);
    await screenshot(page, 'navigation-admin-phone');

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Audit' }).waitFor();
    await screenshot(page, 'navigation-admin-phone-menu');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await follow(page, 'Staff');
    // Following a link closes the menu.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    // The customer's header: one row on a laptop, the same menu on a phone.
    const { invitationLink } = await prepareRelease(await apiAs(adminContext, portal.baseUrl), customer);
    const {
      context: customerContext,
      page: own,
      errors: customerErrors,
    } = await joinedCustomerPage(portal, invitationLink, customer.password, { viewport: laptop });
    expect(await own.title()).toBe('Your releases · Fieldtest');
    expect((await headerRows(own)).spread).toBeLessThan(12);
    await screenshot(own, 'navigation-customer-laptop');
    for (const link of ['File a bug', 'My reports', 'Recognition', 'Profile', 'Account', 'Your releases'])
      await follow(own, link);

    await own.setViewportSize(phone);
    const customerMenu = own.getByRole('button', { name: 'Menu' });
    await customerMenu.click();
    await screenshot(own, 'navigation-customer-phone-menu');
    await follow(own, 'My reports');
    expect(await customerMenu.getAttribute('aria-expanded')).toBe('false');
    expect(await own.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

    expect([...errors(), ...customerErrors()]).toEqual([]);
    await customerContext.close();
    await adminContext.close();
  });
});
