import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession, joinedCustomerPage } from '../support/browser-flows.ts';
import {
  apiAs,
  fileReport,
  pngImage,
  portalForFile,
  prepareRelease,
  uploadAttachment,
} from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

const portal = portalForFile();

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };
const programName = 'Acme Desktop MVPs';

describe('the report page', () => {
  it('lets a lead find a customer report by source, add a team note and a public comment, and shows the customer only the comment', async () => {
    const {
      page: leadPage,
      errors: leadErrors,
      baseUrl,
      api: leadApi,
    } = await firstAdminSession(portal, lead, { viewport: { width: 1200, height: 900 } });
    const { release, invitationLink } = await prepareRelease(leadApi, customer, { programName });

    // Internal testing found 50 bugs first: more than one page of the list.
    const internalReports = [];
    for (let index = 1; index <= 50; index += 1) {
      internalReports.push(
        await fileReport(leadApi, {
          releaseId: release.id,
          title: `Internal finding number ${index}`,
          steps: 'Found while testing in-house.',
          expected: 'It works.',
          actual: 'It does not.',
          severity: 'minor',
          component: 'Printing',
          clientKey: `internal-${index}`,
        }),
      );
    }

    // The customer joins, accepts the terms, and files a report with a screenshot and a log.
    const {
      context: customerContext,
      page,
      errors,
    } = await joinedCustomerPage(portal, invitationLink, customer.password, {
      viewport: { width: 1100, height: 900 },
    });
    const customerApi = await apiAs(customerContext, baseUrl);
    const image = await uploadAttachment(customerApi, { name: 'sync-paused.png', bytes: pngImage(96, 60) });
    const log = await uploadAttachment(customerApi, {
      name: 'sync.log',
      bytes: Buffer.from('12:00:01 sync: paused (lid closed)\n'.repeat(40)),
    });
    const title = 'Sync stops after the laptop wakes from sleep';
    const filed = await fileReport(customerApi, {
      releaseId: release.id,
      title,
      steps: '1. Let **sync** finish\n2. Close the lid for a minute\n3. Open it again <script>alert(1)</script>',
      expected: 'Sync carries on.',
      actual: 'Sync shows *Paused* until the app restarts.',
      severity: 'major',
      component: 'Sync',
      environment: { os: 'Windows 11', browser: 'Edge', browserVersion: '131.0', device: 'ThinkPad X1 Carbon' },
      attachmentIds: [image.id, log.id],
    });

    // An engineer's machine shows it too: the lead says so, with a note for the team.
    await bodyOf(
      await leadApi.api.api.reports[':id']['me-too'].$post({
        param: { id: filed.id },
        json: { note: 'Same on the **office desktop**.', environment: { os: 'Windows 10' } },
      }),
      201,
    );

    // Programs → the program → Reports: both pages of the list, then only what customers filed.
    const leadNav = leadPage.getByRole('navigation', { name: 'Main' });
    await leadNav.getByRole('link', { name: 'Programs' }).click();
    await leadPage.getByRole('link', { name: programName }).click();
    await leadPage.getByRole('heading', { name: programName, level: 1 }).waitFor();
    await leadPage.getByRole('main').getByRole('link', { name: 'Reports', exact: true }).click();
    await leadPage.getByRole('heading', { name: `Reports — ${programName}`, level: 1 }).waitFor();
    const rows = leadPage.locator('table.report-table tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    // Newest first: the customer's report leads.
    expect(await rows.first().getByRole('rowheader').textContent()).toBe(title);
    await leadPage.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBe(51);
    expect(await leadPage.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await screenshot(leadPage, 'report-list-all');

    await leadPage.getByLabel('Source').selectOption({ label: 'Customer' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(new URL(leadPage.url()).searchParams.get('source')).toBe('customer');
    const row = rows.first();
    expect(await row.locator('td[data-label="Source"]').textContent()).toBe('Customer');
    expect(await row.locator('td[data-label="Status"]').textContent()).toBe('New');
    expect(await row.locator('td[data-label="Severity"]').textContent()).toBe('Major');
    expect(await row.locator('td[data-label="Release"]').textContent()).toBe('1.0');
    expect(await row.locator('td[data-label="Co-finders"]').textContent()).toBe('1');
    await screenshot(leadPage, 'report-list-customer');

    // The filters live in the URL: a reload keeps them, and a search narrows further.
    await leadPage.reload();
    await expect.poll(() => leadPage.getByLabel('Source').inputValue()).toBe('customer');
    await expect.poll(() => rows.count()).toBe(1);
    await leadPage.getByLabel('Search').fill('printer jam');
    await leadPage.getByText('No report matches these filters.').waitFor();
    expect(new URL(leadPage.url()).searchParams.get('q')).toBe('printer jam');
    await leadPage.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(50);
    expect(await leadPage.getByLabel('Search').inputValue()).toBe('');
    await leadPage.getByLabel('Source').selectOption({ label: 'Customer' });
    await expect.poll(() => rows.count()).toBe(1);

    // On a phone the table becomes cards, with nothing to scroll sideways.
    await leadPage.setViewportSize({ width: 360, height: 780 });
    expect(await leadPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(leadPage, 'report-list-narrow');
    await leadPage.setViewportSize({ width: 1200, height: 900 });

    // The report page, as staff see it.
    await row.getByRole('link', { name: title }).click();
    await leadPage.getByRole('heading', { name: title, level: 1 }).waitFor();
    const steps = leadPage.getByRole('region', { name: 'Steps to reproduce' });
    await steps.locator('strong', { hasText: 'sync' }).waitFor();
    // Raw HTML in the text never reaches the page.
    expect(await steps.locator('script').count()).toBe(0);
    expect(await leadPage.getByRole('region', { name: 'Actual result' }).locator('em').textContent()).toBe('Paused');
    const summary = leadPage.getByRole('region', { name: 'Summary' });
    expect(await summary.textContent()).toContain('Customer');
    expect(await summary.textContent()).toContain(customer.name);
    const environment = leadPage.getByRole('region', { name: 'Environment' });
    expect(await environment.textContent()).toContain('ThinkPad X1 Carbon');
    const attachments = leadPage.getByRole('region', { name: 'Attachments' });
    const thumbnail = attachments.getByRole('link', { name: 'sync-paused.png' }).locator('img');
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
    const logLink = attachments.getByRole('link', { name: 'sync.log' });
    expect(await logLink.getAttribute('download')).toBe('sync.log');
    expect(await attachments.getByRole('listitem').filter({ hasText: 'sync.log' }).textContent()).toContain(
      `${(log.size / 1024).toFixed(1)} KB`,
    );
    const coFinders = leadPage.getByRole('region', { name: 'Also found by' });
    expect(await coFinders.textContent()).toContain(lead.name);
    await coFinders.locator('strong', { hasText: 'office desktop' }).waitFor();
    const timeline = leadPage.getByRole('region', { name: 'Timeline' });
    expect(await timeline.getByRole('listitem').first().textContent()).toContain(`${customer.name}`);

    // A team note, then a public comment.
    const teamNote = 'Looks like the **power manager** again; see the sleep handler.';
    await leadPage.getByLabel('Comment', { exact: true }).fill(teamNote);
    await leadPage.getByLabel('Visibility').selectOption({ label: 'Team note (staff only)' });
    await leadPage.getByRole('button', { name: 'Add comment' }).click();
    await leadPage.getByText('Team note added.').waitFor();
    const noteEntry = timeline.getByRole('listitem').filter({ hasText: 'Team note — staff only' });
    await noteEntry.locator('strong', { hasText: 'power manager' }).waitFor();
    expect(await leadPage.getByLabel('Comment', { exact: true }).inputValue()).toBe('');

    const publicComment = 'Thanks! We can reproduce it and are on it.';
    await leadPage.getByLabel('Comment', { exact: true }).fill(publicComment);
    await leadPage.getByLabel('Visibility').selectOption({ label: 'Public (customers see it)' });
    await leadPage.getByRole('button', { name: 'Add comment' }).click();
    await leadPage.getByText('Comment added.').waitFor();
    const commentEntry = timeline.getByRole('listitem').filter({ hasText: publicComment });
    await commentEntry.waitFor();
    expect(await commentEntry.textContent()).not.toContain('Team note');
    // Every entry in time order: filed, the note, the comment.
    // Staff see a customer by name and public handle.
    expect(await timeline.locator('.timeline-what').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^${customer.name} \\(@[\\w-]+\\) filed the report$`)),
      `${lead.name} found it too`,
      `${lead.name} wrote a team note`,
      `${lead.name} commented`,
    ]);
    await screenshot(leadPage, 'report-page-staff');

    // The customer: My reports → the report, with the public comment and no trace of the note.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reports' }).click();
    await page.getByRole('heading', { name: 'My reports', level: 1 }).waitFor();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/reports/${filed.id}`);
    const customerTimeline = page.getByRole('region', { name: 'Timeline' });
    await customerTimeline.getByText(publicComment).waitFor();
    expect(await page.getByText('power manager').count()).toBe(0);
    // That someone else found it shows, not their entry: it is theirs and the team's.
    await page.getByText('1 other person found it too.').waitFor();
    expect(await page.getByRole('region', { name: 'Also found by' }).count()).toBe(0);
    expect(await page.getByText('office desktop').count()).toBe(0);
    expect(await page.getByText('Team note').count()).toBe(0);
    expect(await page.getByLabel('Visibility').count()).toBe(0);
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Attachments' })
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(96);

    // The customer answers; their comment is public by nature.
    await page.getByLabel('Comment', { exact: true }).fill('It also happens after *hibernate*.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Comment added.').waitFor();
    await customerTimeline.locator('em', { hasText: 'hibernate' }).waitFor();
    await screenshot(page, 'report-page-customer');

    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'report-page-narrow');
    await page.setViewportSize({ width: 1100, height: 900 });

    // Someone else's report, or none at all, reads the same: not there for this customer.
    for (const id of [internalReports[0]!.id, randomUUID()]) {
      await page.goto(`${baseUrl}/reports/${id}`);
      await page.getByText("This report doesn't exist or isn't yours to see").waitFor();
    }
    await screenshot(page, 'report-page-not-found');

    expect([...leadErrors(), ...errors()]).toEqual([]);
  }, 120_000);
});
