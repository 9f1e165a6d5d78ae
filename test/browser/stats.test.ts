import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/open-database.ts';
import type { ReportSource } from '../../api/generated/prisma/enums.ts';
import type { ProgramStats } from '../../api/stats/stats.schemas.ts';
import { screenshot } from '../support/browser.ts';
import { firstAdminSession } from '../support/browser-flows.ts';
import { addRelease, type Portal, prepareRelease, startPortal } from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';
import { spawnServer } from '../support/server-process.ts';

// Triage happens on GitHub; here the server is stopped, the reports are written into its data
// folder as the sync would have left them, and the server is started again on the same address.

let portal: Portal;
let restarted: ReturnType<typeof spawnServer> | null = null;

beforeAll(async () => {
  portal = await startPortal();
});

afterAll(async () => {
  if (restarted) {
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  }
  await portal?.stop();
});

const lead = { name: 'Lee Lead', email: 'lee@example.test', password: 'the program lead password' };
const programName = 'Acme Desktop MVPs';

async function seedTriagedReports(dataDir: string, programId: string, releaseIds: string[]) {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const { prisma } = database;
    const person = async (role: 'mvp' | 'internal_tester', name: string, handle?: string) => {
      const user = await prisma.user.create({
        data: { email: `${name.toLowerCase()}@example.test`, name, role },
        select: { id: true },
      });
      if (handle)
        await prisma.mvpProfile.create({ data: { userId: user.id, company: 'C', handle, platforms: [], devices: [] } });
      return user.id;
    };
    const casey = await person('mvp', 'Casey', 'casey');
    const robin = await person('mvp', 'Robin', 'robin');
    const tess = await person('internal_tester', 'Tess');
    const base = Date.now() - 30 * 86_400_000;
    const ids: Record<string, string> = {};
    const file = async (
      key: string,
      release: number,
      by: string,
      source: ReportSource,
      hours: number,
      fields: { priority?: string; component?: string; dupOf?: string } = {},
    ) => {
      const row = await prisma.report.create({
        data: {
          programId,
          releaseId: releaseIds[release]!,
          reporterId: by,
          source,
          title: `Finding ${key}`,
          steps: 'Steps',
          expected: 'Works',
          actual: 'Broken',
          severity: 'major',
          component: fields.component ?? null,
          environment: {},
          status: fields.dupOf ? 'duplicate' : fields.priority ? 'triaged' : 'synced',
          priority: fields.priority ?? null,
          issueLabels: fields.priority ? [fields.priority] : [],
          issueUrl: `https://github.com/acme/desktop/issues/${Object.keys(ids).length + 1}`,
          duplicateOfId: fields.dupOf ? ids[fields.dupOf] : null,
          triagedAt: fields.priority ? new Date(base + (hours + 6) * 3_600_000) : null,
          createdAt: new Date(base + hours * 3_600_000),
        },
        select: { id: true },
      });
      ids[key] = row.id;
    };
    await file('sync-stall', 0, casey, 'customer', 0, { priority: 'P1', component: 'Sync' });
    await file('sync-stall-again', 0, tess, 'internal', 5, { dupOf: 'sync-stall' });
    await file('print-crash', 0, tess, 'internal', 10, { priority: 'P0', component: 'Printing' });
    await file('sync-conflict', 0, robin, 'customer', 20, { priority: 'P1', component: 'Sync' });
    await file('tooltip', 0, casey, 'customer', 30, { priority: 'P2' });
    await file('export-fails', 1, tess, 'internal', 400, { priority: 'P1', component: 'Printing' });
    await file('export-fails-too', 1, robin, 'customer', 390, { dupOf: 'export-fails' });
    await file('login-loop', 1, casey, 'customer', 410, { priority: 'P0', component: 'Sync' });
  } finally {
    await database.close();
  }
}

describe('the contribution dashboard', () => {
  it('shows a lead the share the API computes, links to its clusters, and downloads them as CSV', async () => {
    const {
      context,
      page,
      errors,
      api: leadApi,
    } = await firstAdminSession(portal, lead, {
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const baseUrl = portal.baseUrl;
    const { release } = await prepareRelease(
      leadApi,
      { name: 'Casey', email: 'casey-invite@example.test' },
      { programName },
    );
    const second = await addRelease(leadApi, release.programId, {
      version: '1.1',
      build: '1.1.0-beta.1',
      testStart: new Date(Date.now() + 20 * 86_400_000),
      testEnd: new Date(Date.now() + 40 * 86_400_000),
    });

    // Stop, write what GitHub triage left, start again on the same address (the session survives).
    portal.server.child.kill('SIGTERM');
    await portal.server.exited;
    await seedTriagedReports(portal.dataDir, release.programId, [release.id, second.id]);
    restarted = spawnServer({ DATA_DIR: portal.dataDir, PORT: new URL(baseUrl).port });
    await restarted.waitFor(/Fieldtest is running at/);

    const stats = (await bodyOf(
      await leadApi.api.api.programs[':id'].stats.$get({ param: { id: release.programId } }),
      200,
    )) as ProgramStats;
    // Priority actionable: sync-stall, print-crash, sync-conflict, export-fails, login-loop; found
    // first by customers: all but print-crash.
    expect(stats.priority).toMatchObject({ clusters: 5, customerFound: 4 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programs' }).click();
    await page.getByRole('link', { name: programName }).click();
    await page.getByRole('link', { name: 'Contribution statistics' }).click();
    await page.getByRole('heading', { name: `Contribution — ${programName}`, level: 1 }).waitFor();
    const share = page.locator('[data-figure="share"]');
    await share.waitFor();
    expect(await share.textContent()).toBe(`${(stats.priority.share! * 100).toFixed(1)}%`);
    await page.getByRole('img', { name: /Release 1\.0: 66\.7% \(2 of 3/ }).waitFor();
    await page.getByRole('heading', { name: 'How these figures are counted' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'stats-dashboard');

    // The share leads to the clusters found first by customers, and those download as CSV.
    await share.click();
    await page.getByRole('heading', { name: 'Clusters behind the figure', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('finderSource')).toBe('customer');
    await expect.poll(() => page.locator('.cluster-card').count()).toBe(4);
    await screenshot(page, 'stats-clusters');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^clusters-.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^canonical_report_id,title,release,level/);
    expect(lines).toHaveLength(5);
    expect(csv).toContain('Finding export-fails,1.1,P1,Printing,customer,robin,2,1,1,false');

    expect(errors()).toEqual([]);
    await context.close();
  }, 120_000);
});
