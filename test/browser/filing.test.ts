import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession, joinedCustomerPage } from '../support/browser-flows.ts';
import { acceptCurrentTerms, invitationToken } from '../support/enrolment-fixtures.ts';
import { createClient, type TestClient } from '../support/http-client.ts';
import { fileReport, pngImage, portalForFile, prepareRelease } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

const portal = portalForFile();

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };
const build = '1.0.0-beta.1';

/** A second customer of the release, invited and signed in through the API. */
async function otherCustomer(
  leadApi: TestClient,
  baseUrl: string,
  release: { id: string; programId: string },
): Promise<TestClient> {
  const email = 'olive@example.test';
  await bodyOf(
    await leadApi.api.api.releases[':id'].invitations.$post({
      param: { id: release.id },
      json: { invitees: [{ email, name: 'Olive Other', company: 'Other Co' }] },
    }),
    201,
  );
  const client = createClient(baseUrl);
  await bodyOf(
    await client.api.api.invitations.accept.$post({
      json: { token: await invitationToken(leadApi, email), name: 'Olive Other', password: 'olive chooses a long one' },
    }),
    200,
  );
  await acceptCurrentTerms(client, release.programId);
  return client;
}

async function fieldValue(page: Page, label: string): Promise<string> {
  return page.getByLabel(label, { exact: true }).inputValue();
}

describe('filing a bug', () => {
  it('lets an MVP file a report with a screenshot, then say "me too" to a similar one, and find both under My reports', async () => {
    const { page: leadPage, errors: leadErrors, baseUrl, api: leadApi } = await firstAdminSession(portal, lead);
    const { release, invitationLink } = await prepareRelease(leadApi, customer, { build });

    // Another customer of the release reported a printing bug before this one came.
    const other = await otherCustomer(leadApi, baseUrl, release);
    const printingBug = 'Printing stops after page 10 of a long document';
    await fileReport(other, {
      releaseId: release.id,
      title: printingBug,
      steps: '1. Open a 40-page document\n2. Print it',
      expected: 'All 40 pages print.',
      actual: 'The printer stops after page 10.',
      severity: 'major',
      component: 'Printing',
      clientKey: 'olive-printing-report',
    });

    // The customer accepts the invitation and the terms.
    const { page, errors } = await joinedCustomerPage(portal, invitationLink, customer.password, {
      viewport: { width: 1100, height: 900 },
    });

    // The form: the only release is chosen, its build and the browser's environment filled in.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'File a bug' }).click();
    await page.getByRole('heading', { name: 'File a bug', level: 1 }).waitFor();
    await expect.poll(() => fieldValue(page, 'Operating system')).not.toBe('');
    expect(await page.getByLabel('Release').locator('option:checked').textContent()).toBe(
      'Acme Desktop 1.0 (Acme Desktop MVPs)',
    );
    expect(await fieldValue(page, 'Browser')).not.toBe('');
    expect(await fieldValue(page, 'Browser version')).toMatch(/^\d+/);
    expect(await fieldValue(page, 'Screen')).toMatch(/^\d+×\d+ @[\d.]+x$/);
    expect(await fieldValue(page, 'Locale')).toBe(await page.evaluate(() => navigator.language));
    expect(await fieldValue(page, 'Time zone')).toBe(
      await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    );
    expect(await fieldValue(page, 'Build')).toBe(build);
    expect(await fieldValue(page, 'Device')).toBe('');
    await screenshot(page, 'filing-empty-form');

    const syncBug = 'Sync stops after the laptop wakes from sleep';
    await page.getByLabel('Title', { exact: true }).fill(syncBug);
    await page
      .getByLabel('Steps to reproduce')
      .fill('1. Sign in and let **sync** finish\n2. Close the lid for a minute\n3. Open it again');
    await page.getByLabel('Expected result').fill('Sync carries on.');
    await page.getByLabel('Actual result').fill('Sync shows *Paused* until the app restarts.');
    await page.getByRole('radio', { name: 'Major' }).check();
    await page.getByLabel('Component').selectOption('Sync');
    await page.getByLabel('Device', { exact: true }).fill('ThinkPad X1 Carbon');
    // The preview renders the Markdown as the report page will.
    await page.getByRole('button', { name: 'Preview' }).first().click();
    await page
      .getByRole('region', { name: 'Preview of steps to reproduce' })
      .locator('strong', { hasText: 'sync' })
      .waitFor();

    const screenshotFile = join(portal.dataDir, 'sync-paused.png');
    const png = pngImage(64, 40);
    await writeFile(screenshotFile, png);
    await page.getByLabel('Attachments').setInputFiles(screenshotFile);
    const attachment = page.getByRole('listitem').filter({ hasText: 'sync-paused.png' });
    await attachment.getByText('Uploaded').waitFor();
    // Its size, as the list shows it: "5.1 KB".
    expect(await attachment.textContent()).toContain(`${(png.length / 1024).toFixed(1)} KB`);
    await page.getByText(/Draft saved at/).waitFor();
    await screenshot(page, 'filing-form-filled');

    // A closed tab loses nothing: even without this browser's copy, the server's draft comes back.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByText(/Your draft from .* is back/).waitFor();
    expect(await fieldValue(page, 'Title')).toBe(syncBug);
    expect(await fieldValue(page, 'Device')).toBe('ThinkPad X1 Carbon');
    expect(await page.getByRole('radio', { name: 'Major' }).isChecked()).toBe(true);
    const thumbnail = page.getByRole('listitem').filter({ hasText: 'sync-paused.png' }).locator('img');
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);
    await screenshot(page, 'filing-draft-restored');

    await page.getByRole('button', { name: 'File bug' }).click();
    await page.getByText(`Filed: “${syncBug}”`).waitFor();
    expect(await fieldValue(page, 'Title')).toBe('');
    expect(await page.getByRole('listitem').filter({ hasText: 'sync-paused.png' }).count()).toBe(0);
    await screenshot(page, 'filing-filed');

    // A second bug that reads like the lead's: the form suggests it, and "me too" replaces filing again.
    await page.getByLabel('Title', { exact: true }).fill('Printing stops at page 10');
    const suggestions = page.getByRole('region', { name: 'Similar reports in this release' });
    const suggestion = suggestions.getByRole('listitem').filter({ hasText: printingBug });
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('New');
    // The suggestions stand right under the title, in view while it is typed, above the steps.
    const titleBox = (await page.getByLabel('Title', { exact: true }).boundingBox())!;
    const suggestionsBox = (await suggestions.boundingBox())!;
    const stepsBox = (await page.getByLabel('Steps to reproduce', { exact: true }).boundingBox())!;
    expect(titleBox.y).toBeLessThan(suggestionsBox.y);
    expect(suggestionsBox.y).toBeLessThan(stepsBox.y);
    await screenshot(page, 'filing-similar-reports');
    await suggestion.getByRole('button', { name: 'Me too' }).click();
    await suggestion.getByLabel('What differs for you (optional)').fill('Also on a *laser* printer.');
    const printerLog = join(portal.dataDir, 'printer-queue.log');
    await writeFile(printerLog, 'job 7 stalled at page 10\n');
    await suggestion.getByLabel('Your files (optional)').setInputFiles(printerLog);
    await suggestion.getByRole('listitem').filter({ hasText: 'printer-queue.log' }).getByText('Uploaded').waitFor();
    await screenshot(page, 'filing-me-too');
    await suggestion.getByRole('button', { name: 'Send “Me too”' }).click();

    await page.getByRole('heading', { name: 'My reports', level: 1 }).waitFor();
    await page.getByText(`Recorded: you found “${printingBug}” too.`).waitFor();
    const filed = page.getByRole('listitem').filter({ hasText: syncBug });
    const sharing = page.getByRole('listitem').filter({ hasText: printingBug });
    await expect.poll(() => filed.textContent()).toMatch(/New.*filed by you/);
    expect(await sharing.textContent()).toMatch(/New.*you found it too/);
    await screenshot(page, 'filing-my-reports');

    // The other customer's report stays theirs: this customer reads its summary and their own "me too".
    await sharing.getByRole('link', { name: printingBug }).click();
    await page.getByRole('heading', { name: printingBug, level: 1 }).waitFor();
    const entry = page.getByRole('region', { name: 'Your “me too”' });
    await entry.locator('em', { hasText: 'laser' }).waitFor();
    expect(await entry.getByRole('link', { name: 'printer-queue.log' }).count()).toBe(1);
    expect(await page.getByText('Open a 40-page document').count()).toBe(0);
    expect(await page.getByText('The printer stops after page 10.').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Steps to reproduce' }).count()).toBe(0);
    await screenshot(page, 'filing-co-finder-page');
    await nav.getByRole('link', { name: 'My reports' }).click();
    await page.getByRole('heading', { name: 'My reports', level: 1 }).waitFor();

    // The draft went with the "me too": the form starts empty.
    await nav.getByRole('link', { name: 'File a bug' }).click();
    await page.getByRole('heading', { name: 'File a bug', level: 1 }).waitFor();
    expect(await fieldValue(page, 'Title')).toBe('');
    expect(await page.getByText(/Your draft from/).count()).toBe(0);

    // On a 360-pixel phone screen nothing needs sideways scrolling.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByLabel('Title', { exact: true }).fill('Printing stops at page 10');
    await suggestions.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'filing-narrow');

    // Staff file into any release in testing, whatever program it belongs to.
    await leadPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'File a bug' }).click();
    await leadPage.getByRole('heading', { name: 'File a bug', level: 1 }).waitFor();
    expect(await leadPage.getByLabel('Release').locator('option:checked').textContent()).toBe(
      'Acme Desktop 1.0 (Acme Desktop MVPs)',
    );

    // The report reached the program with what the form captured.
    const reports = await bodyOf(
      await leadApi.api.api.programs[':id'].reports.$get({ param: { id: release.programId }, query: {} }),
      200,
    );
    const customerReport = reports.items.find((item) => item.title === syncBug);
    expect(customerReport).toMatchObject({ source: 'customer', severity: 'major', component: 'Sync', coFinders: 0 });
    expect(reports.items.find((item) => item.title === printingBug)).toMatchObject({ coFinders: 1 });

    expect([...leadErrors(), ...errors()]).toEqual([]);
  }, 120_000);
});
