import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser.ts';
import { migratedDataDir } from './database-template.ts';
import { createClient, type TestClient } from './http-client.ts';
import { bodyOf } from './problem.ts';
import { freePort, spawnServer } from './server-process.ts';

/**
 * The built server as its own process on a fresh data folder, with Chromium beside it. No
 * SMTP_URL: every e-mail stays in the outbox, where the program lead reads it.
 */
export async function startPortal() {
  const dataDir = await migratedDataDir('ft-browser-');
  const server = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
  const [, baseUrl = ''] = await server.waitFor(/Fieldtest is running at (\S+)/);
  const [, setupLink = ''] = await server.waitFor(/(http:\S+\/setup#\S+)/);
  const browser = await launchBrowser();
  return {
    server,
    browser,
    baseUrl,
    setupLink,
    dataDir,
    stop: async () => {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
    },
  };
}

/**
 * The portal for one test file: started before its tests, stopped after them. The object fills in
 * when the file's tests start, so read its fields inside tests and hooks.
 */
export function portalForFile(): Awaited<ReturnType<typeof startPortal>> {
  const portal = {} as Awaited<ReturnType<typeof startPortal>>;
  beforeAll(async () => {
    Object.assign(portal, await startPortal());
  });
  afterAll(() => portal.stop?.());
  return portal;
}

/** Signs in on the sign-in page, as a person would; on a phone the navigation is in the menu, so attached is enough. */
export async function signIn(page: Page, baseUrl: string, person: { email: string; password: string }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // A role query leaves out what is hidden, as the menu is on a phone until it is opened.
  await page.locator('nav[aria-label="Main"]').waitFor({ state: 'attached' });
}

/** An admin adds a staff member, who chooses a password through their link; the new account's id. */
export async function createStaffMember(
  adminApi: TestClient,
  baseUrl: string,
  person: { name: string; email: string; password: string },
  role: 'admin' | 'engineer' | 'internal_tester',
): Promise<string> {
  const created = await bodyOf(
    await adminApi.api.api.staff.$post({ json: { name: person.name, email: person.email, role } }),
    201,
  );
  await bodyOf(
    await createClient(baseUrl).api.api.auth['set-password'].$post({
      json: { token: new URL(created.passwordLink.url).hash.slice(1), password: person.password },
    }),
    200,
  );
  return created.member.id;
}

// What the portal's browser tests share: files to upload, the API as a browser's signed-in
// person, and a program with a release in testing and one customer invited.

/** A real PNG (a small gradient), as a screenshot tool would write it. */
export function pngImage(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) rows.set([(x * 255) / width, (y * 255) / height, 200], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The API as the signed-in person of a browser context: the typed client with that context's cookies. */
export async function apiAs(context: BrowserContext, baseUrl: string): Promise<TestClient> {
  const client = createClient(baseUrl);
  for (const cookie of await context.cookies(baseUrl)) client.cookies.set(cookie.name, cookie.value);
  return client;
}

/** The program lead sets the stage through the API: a program, a release in testing, one invitation. */
export async function prepareRelease(
  client: TestClient,
  customer: { name: string; email: string },
  options: { programName?: string; build?: string } = {},
) {
  const program = await bodyOf(
    await client.api.api.programs.$post({
      json: {
        name: options.programName ?? 'Acme Desktop MVPs',
        product: 'Acme Desktop',
        githubRepo: 'acme/desktop',
        components: ['Sync', 'Printing'],
        termsText: 'Keep **pre-release builds** to yourself.',
      },
    }),
    201,
  );
  const now = Date.now();
  const release = await bodyOf(
    await client.api.api.programs[':id'].releases.$post({
      param: { id: program.id },
      json: {
        version: '1.0',
        build: options.build ?? '1.0.0-beta.1',
        testStart: new Date(now - 24 * 3600_000).toISOString(),
        testEnd: new Date(now + 13 * 24 * 3600_000).toISOString(),
      },
    }),
    201,
  );
  await bodyOf(
    await client.api.api.releases[':id'].$patch({ param: { id: release.id }, json: { status: 'testing' } }),
    200,
  );
  await bodyOf(
    await client.api.api.releases[':id'].invitations.$post({
      param: { id: release.id },
      json: { invitees: [{ name: customer.name, email: customer.email, company: 'Acme' }] },
    }),
    201,
  );
  const outbox = await bodyOf(await client.api.api.outbox.$get({ query: { to: customer.email } }), 200);
  const invitationLink = /https?:\/\/\S+\/invitation#[A-Za-z0-9_-]+/.exec(outbox.items[0]?.text ?? '')?.[0];
  expect(invitationLink).toBeDefined();
  return { release, invitationLink: invitationLink! };
}

/** The first admin, created through the setup link as a person would; the page ends on their home. */
export async function createFirstAdmin(
  page: Page,
  setupLink: string,
  person: { name: string; email: string; password: string },
) {
  await page.goto(setupLink);
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await page.getByRole('heading', { name: `Welcome, ${person.name}` }).waitFor();
}

/** An invited customer joins with a password and accepts the terms; the page ends on their releases. */
export async function joinByInvitation(page: Page, invitationLink: string, password: string) {
  await page.goto(invitationLink);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('button', { name: 'I accept' }).click();
  await page.getByRole('heading', { name: 'Your releases' }).waitFor();
}
