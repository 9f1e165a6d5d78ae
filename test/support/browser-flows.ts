import type { Browser, BrowserContextOptions } from 'playwright-core';
import { openPage } from './browser.ts';
import { apiAs, createFirstAdmin, joinByInvitation, signIn } from './portal-fixtures.ts';

// How the browser tests' people arrive, each in a browser of their own and through the portal's
// own pages: the first admin through the setup link, staff through the sign-in page, a customer
// through their invitation. Each answers with the page, its errors and the context it lives in.
// `portal` is a started portal (startPortal, portalForFile), or the parts of one a flow needs.

type Person = { name: string; email: string; password: string };

/** The first admin, created through the setup form; also the portal's address and the admin's API client. */
export async function firstAdminSession(
  portal: { browser: Browser; setupLink: string },
  admin: Person,
  options?: BrowserContextOptions,
) {
  const opened = await openPage(portal.browser, options);
  await createFirstAdmin(opened.page, portal.setupLink, admin);
  const baseUrl = new URL(opened.page.url()).origin;
  return { ...opened, baseUrl, api: await apiAs(opened.context, baseUrl) };
}

/** Someone with an account, signed in on the sign-in page. */
export async function signedInPage(
  portal: { browser: Browser; baseUrl: string },
  person: { email: string; password: string },
  options?: BrowserContextOptions,
) {
  const opened = await openPage(portal.browser, options);
  await signIn(opened.page, portal.baseUrl, person);
  return opened;
}

/** An invited customer who joined through the invitation link and accepted the terms; the page is on their releases. */
export async function joinedCustomerPage(
  portal: { browser: Browser },
  invitationLink: string,
  password: string,
  options?: BrowserContextOptions,
) {
  const opened = await openPage(portal.browser, options);
  await joinByInvitation(opened.page, invitationLink, password);
  return opened;
}
