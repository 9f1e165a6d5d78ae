import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/open-database.ts';
import { parseEnv } from '../../api/env.ts';
import { createGithubClient } from '../../api/github-sync/client/github-client.ts';
import { launchBrowser, screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { migratedDataDir } from '../support/database-template.ts';
import { fileReport, prepareRelease } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';
import { freePort, spawnServer } from '../support/server-process.ts';

// The server runs as its own process on an embedded database, which only one process may open:
// the dead letter is made by stopping the server, writing the rows the sync would have written,
// and starting it again on the same folder and port (the browser's session survives).
// The workers stay off and GitHub is unreachable, so nothing but the page moves the jobs.

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const programName = 'Acme Desktop MVPs';
const deadReason = 'unauthorized: GitHub answered 401 Bad credentials';

let browser: Browser;
let dataDir: string;
let env: Record<string, string>;
let server: ReturnType<typeof spawnServer> | undefined;

async function startServer() {
  server = spawnServer(env);
  const [, baseUrl = ''] = await server.waitFor(/Fieldtest is running at (\S+)/);
  return baseUrl;
}

async function stopServer() {
  server?.child.kill('SIGTERM');
  await server?.exited;
  server = undefined;
}

beforeAll(async () => {
  dataDir = await migratedDataDir('ft-browser-');
  env = {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_TOKEN: 'ghp_browser_test_token',
    GITHUB_WEBHOOK_SECRET: 'browser test secret',
    SYNC_WORKER: 'false',
  };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stopServer();
});

describe('the sync health page', () => {
  it('shows an admin a dead letter with its reason, and Retry takes it off the list', async () => {
    const setupBaseUrl = await startServer();
    const [, setupLink = ''] = await server!.waitFor(/(http:\S+\/setup#\S+)/);
    const {
      page,
      errors,
      baseUrl,
      api: leadApi,
    } = await firstAdminSession({ browser, setupLink }, lead, { viewport: { width: 1200, height: 900 } });
    expect(baseUrl).toBe(new URL(setupBaseUrl).origin);
    const { release } = await prepareRelease(leadApi, { name: 'Casey Customer', email: 'casey@example.test' });

    // Two reports filed through the API: each commits its create_issue job with it.
    const file = (title: string) =>
      fileReport(leadApi, {
        releaseId: release.id,
        title,
        steps: 'Open the app',
        expected: 'It works',
        actual: 'It does not',
        severity: 'major',
        component: 'Sync',
      });
    const dead = await file('Sync stops after the laptop wakes from sleep');
    const failing = await file('Printing a long document stops at page 1');

    // What the sync would have left behind: one job given up, one backing off, GitHub's budget, deliveries.
    await stopServer();
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const { prisma } = database;
      const now = Date.now();
      await prisma.syncJob.update({
        where: { key: `create_issue:${dead.id}` },
        data: { status: 'dead', attempts: 8, lastError: deadReason, lastErrorAt: new Date(now - 600_000) },
        select: { id: true },
      });
      await prisma.syncJob.update({
        where: { key: `create_issue:${failing.id}` },
        data: {
          attempts: 2,
          lastError: 'unknown_outcome: 502 Bad Gateway',
          lastErrorAt: new Date(now - 20_000),
          runAfter: new Date(now + 100_000),
        },
        select: { id: true },
      });
      const rateKey = createGithubClient(parseEnv(env).github)!.rateKey;
      // The repository check made when the program was created may have started the row already.
      const budget = {
        coreLimit: 5000,
        coreRemaining: 4870,
        coreResetAt: new Date(now + 1_800_000),
        lastSuccessAt: new Date(now - 90_000),
      };
      await prisma.githubRateState.upsert({
        where: { key: rateKey },
        create: { key: rateKey, ...budget },
        update: budget,
        select: { key: true },
      });
      await prisma.githubWrite.createMany({
        data: Array.from({ length: 12 }, (_, index) => ({
          key: rateKey,
          content: true,
          sentAt: new Date(now - index * 240_000 - 10_000),
        })),
      });
      // Two webhook deliveries, each handled once, `took` milliseconds after it came `ago` ago.
      const delivery = (ago: number, took: number) => ({
        id: randomUUID(),
        repo: 'acme/desktop',
        payload: {},
        attempts: 1,
        receivedAt: new Date(now - ago),
        processedAt: new Date(now - ago + took),
      });
      await prisma.webhookDelivery.createMany({
        data: [
          {
            ...delivery(300_000, 100),
            event: 'issues',
            action: 'labeled',
            issueNumber: 41,
            status: 'processed',
            outcome: 'priority P1',
          },
          { ...delivery(3_600_000, 10), event: 'ping', status: 'ignored', outcome: 'not an issue event' },
        ],
      });
    } finally {
      await database.close();
    }
    await startServer();

    // Programs → the program → Sync health.
    await page.goto(`${baseUrl}/programs`);
    await page.getByRole('link', { name: programName }).click();
    await page.getByRole('heading', { name: programName, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Sync health' }).click();
    await page.getByRole('heading', { name: `Sync health — ${programName}`, level: 1 }).waitFor();

    const deadLetters = page.getByRole('region', { name: /Dead letters/ });
    const deadRows = deadLetters.locator('tbody tr');
    await expect.poll(() => deadRows.count()).toBe(1);
    const deadRow = deadRows.first();
    expect(await deadRow.getByRole('rowheader').textContent()).toBe(dead.title);
    expect(await deadRow.locator('td[data-label="Reason"]').textContent()).toBe(deadReason);
    expect(await deadRow.locator('td[data-label="Attempts"]').textContent()).toBe('8');
    const failures = page.getByRole('region', { name: /Failing/ });
    expect(await failures.locator('tbody tr').first().getByRole('rowheader').textContent()).toBe(failing.title);
    expect(
      await page
        .getByRole('region', { name: /Webhook deliveries/ })
        .locator('tbody tr')
        .count(),
    ).toBe(2);
    const queue = page.getByRole('listitem', { name: 'Queue' });
    expect(await queue.textContent()).toContain('1 waiting');
    expect(await queue.textContent()).toContain('1 dead');
    const minute = page.getByRole('meter', { name: 'Issues and comments, last minute' });
    expect(await minute.evaluate((meter: HTMLMeterElement) => meter.value)).toBe(1);
    const hour = page.getByRole('meter', { name: 'Issues and comments, last hour' });
    expect(await hour.evaluate((meter: HTMLMeterElement) => meter.value)).toBe(12);
    await screenshot(page, 'sync-health-dead-letter');

    // Retry: the button goes quiet at once, the row leaves, and the job is back in the queue.
    const retry = deadRow.getByRole('button', { name: `Retry: ${dead.title}` });
    await retry.click();
    await deadLetters.getByText('No dead letter.').waitFor();
    await expect.poll(async () => queue.textContent()).toContain('2 waiting');
    expect(await queue.textContent()).toContain('0 dead');
    // Its reason stays on show until the next attempt, now among the failing jobs.
    await failures.getByRole('rowheader', { name: dead.title }).waitFor();
    await screenshot(page, 'sync-health-retried');

    const health = await bodyOf(
      await leadApi.api.api.programs[':id'].sync.$get({ param: { id: release.programId } }),
      200,
    );
    expect(health.deadLetters).toEqual([]);
    expect(health.failures.find((job) => job.reportId === dead.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: deadReason,
    });

    // On a phone the tables become cards, with nothing to scroll sideways.
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'sync-health-narrow');

    expect(errors()).toEqual([]);
  }, 120_000);
});
