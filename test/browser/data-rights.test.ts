import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession, signedInPage } from '../support/browser-flows.ts';
import { acceptCurrentTerms } from '../support/enrolment-fixtures.ts';
import {
  acceptInvitation,
  apiAs,
  createStaffMember,
  fileReport,
  pngImage,
  portalForFile,
  prepareRelease,
  printingCrash,
  uploadAttachment,
} from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

const portal = portalForFile();

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const customer = { name: 'Dana Customer', email: 'dana@example.test', password: 'dana chooses a long one' };

describe("a customer's data rights on the account page", () => {
  it('downloads their archive, then erases the account and can no longer sign in', async () => {
    const { api: leadApi } = await firstAdminSession(portal, lead);
    const { release, invitationLink } = await prepareRelease(leadApi, customer);

    // The customer joins and files one report with a screenshot through the API, as the portal would.
    const customerApi = await acceptInvitation(portal.baseUrl, invitationLink, customer);
    await acceptCurrentTerms(customerApi, release.programId);
    const image = pngImage(8, 8);
    const file = await uploadAttachment(customerApi, { name: 'crash.png', bytes: image, type: 'image/png' });
    const filed = await fileReport(customerApi, {
      ...printingCrash,
      releaseId: release.id,
      clientKey: 'data-rights-browser',
      attachmentIds: [file.id],
    });

    const { page, errors } = await signedInPage(portal, customer, { acceptDownloads: true });
    await page.goto(`${portal.baseUrl}/account`);
    await page.getByRole('heading', { name: 'Your data' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fieldtest-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const data = JSON.parse(new TextDecoder().decode(entries['data.json']));
    expect(data.account).toMatchObject({ email: customer.email, name: customer.name });
    expect(data.reports).toEqual([
      expect.objectContaining({ id: filed.id, title: 'Printing a long document crashes' }),
    ]);
    expect(Buffer.from(entries[`files/${file.id}-crash.png`]!).equals(image)).toBe(true);

    await page.getByRole('button', { name: 'Erase my account' }).click();
    await page.getByText('Kept, without your name:').waitFor();
    await page.getByLabel('Your password').fill('not my password');
    await page.getByRole('button', { name: 'Erase my account for good' }).click();
    await page.getByText('This is not your password').waitFor();
    await screenshot(page, 'data-rights-erase-wrong-password');
    await page.getByLabel('Your password').fill(customer.password);
    await page.getByRole('button', { name: 'Erase my account for good' }).click();
    await page.getByText('Your account was erased.').waitFor();
    await screenshot(page, 'data-rights-erased');

    await page.getByLabel('E-mail').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    // The program lead reads the report under "A former MVP".
    const seen = await bodyOf(await leadApi.api.api.reports[':id'].$get({ param: { id: filed.id } }), 200);
    expect(seen.view === 'full' && seen.reporter.displayName).toBe('A former MVP');
    // The wrong password and the refused sign-in were expected answers, not page errors.
    expect(errors().filter((error) => !/status of (400|401)/.test(error))).toEqual([]);
  }, 120_000);

  it("lets the program lead export an MVP's data and erase the account from the cohort", async () => {
    const other = { name: 'Eli Customer', email: 'eli@example.test', password: 'eli chooses a long one too' };
    const { context, page, errors } = await signedInPage(portal, lead, { acceptDownloads: true });
    const { release, invitationLink } = await prepareRelease(await apiAs(context, portal.baseUrl), other, {
      programName: 'Acme Mobile MVPs',
    });
    const customerApi = await acceptInvitation(portal.baseUrl, invitationLink, other);

    await page.goto(`${portal.baseUrl}/releases/${release.id}`);
    const row = page.getByRole('row', { name: new RegExp(other.name) });
    await expect.poll(() => row.textContent()).toMatch(/Active/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Export data' }).click(),
    ]);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const data = JSON.parse(new TextDecoder().decode(entries['data.json']));
    expect(data.account).toMatchObject({ email: other.email, name: other.name });
    expect(JSON.stringify(data)).not.toContain(customer.email);

    await row.getByRole('button', { name: 'Erase account' }).click();
    await row.getByText(/their reports stay as/).waitFor();
    await row.getByRole('button', { name: `Erase account of ${other.name}` }).click();
    const erased = page.getByRole('row', { name: /A former MVP/ });
    await erased.getByText('Account erased').waitFor();
    await screenshot(page, 'data-rights-cohort-erased');
    expect(await page.getByRole('main').textContent()).not.toContain(other.email);
    expect((await customerApi.api.api.auth.me.$get()).status).toBe(401);
    expect(errors()).toEqual([]);
  }, 120_000);

  it('lets an engineer who leads a program answer for its customers only, and says why otherwise', async () => {
    const fay = { name: 'Fay Customer', email: 'fay@example.test', password: 'fay chooses a long one' };
    const gus = { name: 'Gus Customer', email: 'gus@example.test', password: 'gus chooses a long one' };
    const engineer = { name: 'Eve Engineer', email: 'eve@example.test', password: 'the engineer password' };
    const { context: adminContext } = await signedInPage(portal, lead);
    const admin = await apiAs(adminContext, portal.baseUrl);
    const web = await prepareRelease(admin, fay, { programName: 'Acme Web MVPs' });
    const cloud = await prepareRelease(admin, gus, { programName: 'Acme Cloud MVPs' });
    await acceptInvitation(portal.baseUrl, web.invitationLink, fay);
    await acceptInvitation(portal.baseUrl, cloud.invitationLink, gus);
    // Gus is also invited to the web release: he takes part in both programs.
    await bodyOf(
      await admin.api.api.releases[':id'].invitations.$post({
        param: { id: web.release.id },
        json: { invitees: [{ name: gus.name, email: gus.email, company: 'Acme' }] },
      }),
      201,
    );
    const engineerId = await createStaffMember(admin, portal.baseUrl, engineer, 'engineer');
    await bodyOf(
      await admin.api.api.programs[':id'].members[':userId'].$put({
        param: { id: web.release.programId, userId: engineerId },
        json: { lead: true },
      }),
      200,
    );
    await adminContext.close();

    const { context, page, errors } = await signedInPage(portal, engineer, { acceptDownloads: true });
    await page.goto(`${portal.baseUrl}/releases/${web.release.id}`);

    // Fay takes part in this program only: the lead saves her archive.
    const fayRow = page.getByRole('row', { name: new RegExp(fay.name) });
    await expect.poll(() => fayRow.textContent()).toMatch(/Active/);
    // Disabling an account shuts the person out of every program: an admin's, not shown to a lead.
    expect(await fayRow.getByRole('button', { name: 'Disable account' }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      fayRow.getByRole('button', { name: 'Export data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fieldtest-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(JSON.parse(new TextDecoder().decode(entries['data.json'])).account).toMatchObject({ email: fay.email });

    // Gus also takes part in a program she does not lead: the page says an admin answers.
    const gusRow = page.getByRole('row', { name: new RegExp(gus.name) });
    await gusRow.getByRole('button', { name: 'Export data' }).click();
    await page.getByRole('alert').filter({ hasText: 'an admin answers their request' }).waitFor();
    await screenshot(page, 'data-rights-lead-refused');
    expect(errors()).toEqual([]);
    await context.close();
  }, 120_000);
});
