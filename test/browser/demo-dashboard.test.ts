import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RescueList, RescueStats } from '../../api/rescue/rescue.schemas.ts';
import type { ProgramStats } from '../../api/stats/stats.schemas.ts';
import type { VerificationStats } from '../../api/verification/verification.schemas.ts';
import { launchBrowser, screenshot } from '../support/browser.ts';
import { signedInPage } from '../support/browser-flows.ts';
import { freePort, spawnScript } from '../support/server-process.ts';

// `npm run demo` as a newcomer meets it: the demo script in its own process (seeding, the sync
// creating ~500 issues in the GitHub emulator, engineering triaging them there, webhooks coming
// back), then the program lead's dashboard in Chromium.

let demo: ReturnType<typeof spawnScript>;
let browser: Browser;
let baseUrl = '';
let dataDir = '';
let lead = { email: '', password: '' };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ft-demo-'));
  demo = spawnScript('scripts/demo.ts', { PORT: String(await freePort()), DEMO_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
  const [, url = ''] = await demo.waitFor(/Fieldtest demo is running at (\S+)/, 280_000);
  const [, email = '', password = ''] = await demo.waitFor(/Program lead\s+(\S+)\s+\/\s+(.+?)\s+→/);
  baseUrl = url;
  lead = { email, password };
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  demo?.child.kill('SIGTERM');
  await demo?.exited;
  await rm(dataDir, { recursive: true, force: true });
});

describe('the demo program', () => {
  it('shows its lead a populated dashboard whose share is the API’s, and its clusters download', async () => {
    const { context, page, errors } = await signedInPage({ browser, baseUrl }, lead, {
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programs' }).click();
    await page.getByRole('link', { name: 'Acme Desktop MVPs' }).click();
    const programId = new URL(page.url()).pathname.split('/').pop() ?? '';

    const response = await context.request.get(`${baseUrl}/api/programs/${programId}/stats`);
    expect(response.status()).toBe(200);
    const stats = (await response.json()) as ProgramStats;
    // Populated as the demo promises: three releases, hundreds of clusters, a real split.
    expect(stats.trend).toHaveLength(3);
    expect(stats.priority.clusters).toBeGreaterThan(50);
    expect(stats.priority.customerFound).toBeGreaterThan(0);
    expect(stats.priority.customerFound).toBeLessThan(stats.priority.clusters);

    await page.getByRole('link', { name: 'Contribution statistics' }).click();
    const share = page.locator('[data-figure="share"]');
    await share.waitFor();
    expect(await share.textContent()).toBe(`${(stats.priority.share! * 100).toFixed(1)}%`);
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'demo-dashboard');

    // Finders answered requests to check fixes, and one not-planned bug was sent back.
    const verification = (await (
      await context.request.get(`${baseUrl}/api/programs/${programId}/verification-stats`)
    ).json()) as VerificationStats;
    expect(verification.total.all.answered).toBeGreaterThan(0);
    expect(verification.total.all.stillBroken).toBeGreaterThan(0);
    expect(verification.total.all.fixedForMe).toBeGreaterThan(0);
    expect(await page.locator('[data-figure="verification-rate"]').textContent()).toContain(
      `${verification.total.all.answered} of ${verification.total.all.requests} requests`,
    );
    const rescueStats = (await (
      await context.request.get(`${baseUrl}/api/programs/${programId}/rescue-stats`)
    ).json()) as RescueStats;
    expect(rescueStats.rescued).toBe(1);
    expect(await page.locator('[data-figure="rescued"]').textContent()).toBe('1');
    await page.getByRole('link', { name: 'Rescue list' }).click();
    await page.getByRole('heading', { name: 'Rescue — Acme Desktop MVPs', level: 1 }).waitFor();
    const rescue = (await (
      await context.request.get(`${baseUrl}/api/programs/${programId}/rescue`)
    ).json()) as RescueList;
    expect(rescue.rescued).toHaveLength(1);
    await page.getByText(rescue.rescued[0]!.title).first().waitFor();
    await screenshot(page, 'demo-rescue');
    await page.goBack();
    await share.waitFor();

    await share.click();
    await page.getByRole('heading', { name: 'Clusters behind the figure', level: 1 }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^canonical_report_id,title,release,level/);
    expect(rows).toHaveLength(stats.priority.customerFound + 1);

    expect(errors()).toEqual([]);
    await context.close();
  }, 120_000);
});
