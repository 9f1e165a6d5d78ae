import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AxeFinding, seriousAccessibilityViolations } from '../support/axe.ts';
import { screenshot, watchPageErrors } from '../support/browser.ts';
import { firstAdminSession, joinedCustomerPage, signedInPage } from '../support/browser-flows.ts';
import {
  addRelease,
  apiAs,
  createStaffMember,
  fileReport,
  portalForFile,
  prepareRelease,
  printingCrash,
} from '../support/portal-fixtures.ts';
import { bodyOf } from '../support/problem.ts';

// Every page each role reaches, at a laptop's 1280 px and a phone's 375 px: axe-core finds no
// serious or critical violation, and a screenshot of each is saved under
// test-results/screenshots/pages/ so that a person can review the whole portal in a minute.

const portal = portalForFile();

const admin = { name: 'Avery Admin', email: 'avery@example.test', password: 'a long enough password' };
const engineer = { name: 'Eli Engineer', email: 'eli@example.test', password: 'the engineer password' };
const tester = { name: 'Tess Tester', email: 'tess@example.test', password: 'the tester password' };
const customer = { name: 'Casey Customer', email: 'casey@example.test', password: 'casey chooses a long one' };
type Person = { name: string; email: string; password: string };

const widths = [1280, 375] as const;
let ids: { program: string; release: string; shippedRelease: string; customerReport: string; testerReport: string };
const contexts = new Map<string, BrowserContext>();

beforeAll(async () => {
  // An admin sets up a program with a release in testing; a customer joins and files a report;
  // an engineer leads the program and an internal tester works on it and files one too.
  const { context: adminContext, api: adminApi } = await firstAdminSession(portal, admin);
  const { release, invitationLink } = await prepareRelease(adminApi, customer);

  const { context: customerContext } = await joinedCustomerPage(portal, invitationLink, customer.password);
  const customerReport = await filePrintingCrash(await apiAs(customerContext, portal.baseUrl), release.id, 'customer');

  for (const [person, role, lead] of [
    [engineer, 'engineer', true],
    [tester, 'internal_tester', false],
  ] as const) {
    const userId = await createStaffMember(adminApi, portal.baseUrl, person, role);
    await bodyOf(
      await adminApi.api.api.programs[':id'].members[':userId'].$put({
        param: { id: release.programId, userId },
        json: { lead },
      }),
      200,
    );
  }
  const testerContext = await signedInContext(tester);
  const testerReport = await filePrintingCrash(await apiAs(testerContext, portal.baseUrl), release.id, 'tester');
  // An earlier release of the program, tested and shipped.
  const day = 24 * 3600_000;
  const shipped = await addRelease(adminApi, release.programId, {
    version: '0.9',
    build: '0.9.0-rc.2',
    testStart: new Date(Date.now() - 60 * day),
    testEnd: new Date(Date.now() - 30 * day),
  });
  for (const status of ['testing', 'shipped'] as const) {
    await bodyOf(await adminApi.api.api.releases[':id'].$patch({ param: { id: shipped.id }, json: { status } }), 200);
  }
  ids = {
    program: release.programId,
    release: release.id,
    shippedRelease: shipped.id,
    customerReport: customerReport.id,
    testerReport: testerReport.id,
  };
  contexts.set('admin', adminContext);
  contexts.set('mvp', customerContext);
  contexts.set('internal_tester', testerContext);
  contexts.set('engineer', await signedInContext(engineer));
}, 120_000);

afterAll(async () => {
  for (const context of contexts.values()) await context.close();
});

async function filePrintingCrash(api: Awaited<ReturnType<typeof apiAs>>, releaseId: string, who: string) {
  return fileReport(api, {
    ...printingCrash,
    releaseId,
    title: `${printingCrash.title} (${who})`,
    clientKey: `accessibility-${who}`,
  });
}

/** A context signed in as the person, its sign-in page closed: each sweep opens pages of its own. */
async function signedInContext(person: Person) {
  const { context, page } = await signedInPage(portal, person);
  await page.close();
  return context;
}

/** Opens the page, waits until it shows its heading and nothing is loading, and checks it at each width. */
async function sweep(role: string, context: BrowserContext, paths: Record<string, string>) {
  const page: Page = await context.newPage();
  const errors = watchPageErrors(page);
  const findings: Record<string, AxeFinding[]> = {};
  for (const [name, path] of Object.entries(paths)) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: width === 375 ? 740 : 800 });
      await page.goto(`${portal.baseUrl}${path}`);
      await page.locator('#content h1').first().waitFor();
      await page
        .locator('#content [role="status"].loading')
        .first()
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => {});
      const found = await seriousAccessibilityViolations(page);
      if (found.length > 0) findings[`${name} at ${width}`] = found;
      await screenshot(page, `pages/${role}-${name}-${width}`);
    }
  }
  await page.close();
  return { findings, errors: errors() };
}

describe('every page, for every role, at 1280 and 375 px', () => {
  it('has no serious or critical accessibility violation for someone signed out', async () => {
    const context = await portal.browser.newContext();
    const result = await sweep('anonymous', context, {
      'sign-in': '/sign-in',
      'forgot-password': '/forgot-password',
      'not-found': '/no-such-page',
    });
    await context.close();
    expect(result).toEqual({ findings: {}, errors: [] });
  }, 120_000);

  it('has none for a customer', async () => {
    const result = await sweep('mvp', contexts.get('mvp')!, {
      releases: '/',
      'file-a-bug': '/report',
      'my-reports': '/my-reports',
      report: `/reports/${ids.customerReport}`,
      recognition: '/recognition',
      profile: '/profile',
      account: '/account',
    });
    expect(result).toEqual({ findings: {}, errors: [] });
  }, 180_000);

  it('has none for an admin', async () => {
    const result = await sweep('admin', contexts.get('admin')!, {
      home: '/',
      programs: '/programs',
      program: `/programs/${ids.program}`,
      release: `/releases/${ids.release}`,
      'release-shipped': `/releases/${ids.shippedRelease}`,
      reports: `/programs/${ids.program}/reports`,
      report: `/reports/${ids.customerReport}`,
      stats: `/programs/${ids.program}/stats`,
      clusters: `/programs/${ids.program}/stats/clusters`,
      rescue: `/programs/${ids.program}/rescue`,
      sync: `/programs/${ids.program}/sync`,
      'file-a-bug': '/report',
      'my-reports': '/my-reports',
      staff: '/staff',
      outbox: '/outbox',
      audit: '/audit',
      account: '/account',
    });
    expect(result).toEqual({ findings: {}, errors: [] });
    // A shipped release's empty cohort is not an invitation to invite.
    const page = await contexts.get('admin')!.newPage();
    await page.goto(`${portal.baseUrl}/releases/${ids.shippedRelease}`);
    await page.getByText('Nobody took part in this release.').waitFor();
    expect(await page.getByText('invite people below').count()).toBe(0);
    await page.close();
  }, 300_000);

  it('has none for an engineer who leads the program and an internal tester who works on it', async () => {
    // The pages the admin's sweep covers in full, as they differ for a lead engineer and a tester.
    const engineerResult = await sweep('engineer', contexts.get('engineer')!, {
      home: '/',
      programs: '/programs',
      program: `/programs/${ids.program}`,
      release: `/releases/${ids.release}`,
      report: `/reports/${ids.testerReport}`,
      sync: `/programs/${ids.program}/sync`,
    });
    const testerResult = await sweep('internal_tester', contexts.get('internal_tester')!, {
      home: '/',
      'file-a-bug': '/report',
      'my-reports': '/my-reports',
      report: `/reports/${ids.testerReport}`,
    });
    expect({ engineer: engineerResult, tester: testerResult }).toEqual({
      engineer: { findings: {}, errors: [] },
      tester: { findings: {}, errors: [] },
    });
  }, 300_000);
});
