import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { createClient } from '../support/http-client.ts';
import { acceptInvitation, apiAs, portalForFile, prepareRelease } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

const portal = portalForFile();

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };
const newPassword = 'casey remembers this one';

describe('an MVP who forgot their password', () => {
  it('asks for a link from the sign-in page, chooses a new password through it and is signed in', async () => {
    const { api: leadApi } = await firstAdminSession(portal, lead);
    const { invitationLink } = await prepareRelease(leadApi, customer);
    // The customer made their account through the invitation, and is signed in on another device.
    const otherDevice = await acceptInvitation(portal.baseUrl, invitationLink, customer);

    const { context, page, errors } = await openPage(portal.browser);
    await page.goto(`${portal.baseUrl}/sign-in`);
    await page.getByLabel('E-mail').fill(customer.email);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    // The address typed on the sign-in page comes along.
    expect(await page.getByLabel('E-mail').inputValue()).toBe(customer.email);
    await screenshot(page, 'password-reset-request');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('If an account exists for that address, we sent a link').waitFor();
    await screenshot(page, 'password-reset-requested');

    // No SMTP server here: the e-mail waits in the outbox, where the program lead reads it.
    const outbox = await bodyOf(await leadApi.api.api.outbox.$get({ query: { to: customer.email } }), 200);
    const mail = outbox.items.find((item) => item.kind === 'password-reset');
    const link = /https?:\/\/\S+\/set-password#[A-Za-z0-9_-]{43}/.exec(mail?.text ?? '')?.[0];
    expect(link, 'a reset link in the e-mail').toBeDefined();

    await page.goto(link!);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByText(customer.email).waitFor();
    await screenshot(page, 'password-reset-choose');
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(page.url()).pathname).not.toMatch(/set-password|sign-in/);
    expect((await (await apiAs(context, portal.baseUrl)).api.api.auth.me.$get()).status).toBe(200);
    await screenshot(page, 'password-reset-signed-in');

    // The other device's session ended, and only the new password signs in.
    expect((await otherDevice.api.api.auth.me.$get()).status).toBe(401);
    const signIn = (password: string) =>
      createClient(portal.baseUrl).api.api.auth['sign-in'].$post({ json: { email: customer.email, password } });
    expect((await signIn(customer.password)).status).toBe(401);
    expect((await signIn(newPassword)).status).toBe(200);

    // The link is spent.
    const again = await (await portal.browser.newContext()).newPage();
    await again.goto(link!);
    await again.getByText(/already been used/).waitFor();

    expect(errors()).toEqual([]);
  }, 120_000);
});
