import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Attachment } from '../../api/attachments/attachments.schemas.ts';
import { launchBrowser } from './browser.ts';
import { migratedDataDir } from './database-template.ts';
import { createClient, type TestClient } from './http-client.ts';
import { bodyOf } from './problem.ts';
import { freePort, spawnServer } from './server-process.ts';

/**
 * The built server as its own process on a fresh data folder, with Chromium beside it. No
 * SMTP_URL: every e-mail stays in the outbox, where the program lead reads it. `env` adds to the
 * server's environment (a GitHub emulator's address, say); `port` is for an `env` that names it.
 */
export async function startPortal(options: { env?: Record<string, string>; port?: number } = {}) {
  const dataDir = await migratedDataDir('ft-browser-');
  const port = options.port ?? (await freePort());
  const server = spawnServer({ DATA_DIR: dataDir, PORT: String(port), ...options.env });
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
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Portal = Awaited<ReturnType<typeof startPortal>>;

/**
 * The portal with a GitHub emulator as its GitHub. Its public address is 127.0.0.1, where it
 * listens: the address the emulator's webhooks, redirects and links then name. `env` adds the rest.
 */
export async function startPortalOnGithub(
  github: { url: string; token: string },
  env: Record<string, string> = {},
): Promise<Portal> {
  const port = await freePort();
  return startPortal({
    port,
    env: { PUBLIC_URL: `http://127.0.0.1:${port}`, GITHUB_API_URL: github.url, GITHUB_TOKEN: github.token, ...env },
  });
}

/**
 * The portal for one test file: started before its tests, stopped after them. The object fills in
 * when the file's tests start, so read its fields inside tests and hooks.
 */
export function portalForFile(): Portal {
  const portal = {} as Portal;
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
  const program = await addProgram(client, {
    name: options.programName ?? 'Acme Desktop MVPs',
    components: ['Sync', 'Printing'],
    termsText: 'Keep **pre-release builds** to yourself.',
  });
  const now = Date.now();
  const release = await addRelease(client, program.id, {
    version: '1.0',
    build: options.build ?? '1.0.0-beta.1',
    testStart: new Date(now - 24 * 3600_000),
    testEnd: new Date(now + 13 * 24 * 3600_000),
  });
  await bodyOf(
    await client.api.api.releases[':id'].$patch({ param: { id: release.id }, json: { status: 'testing' } }),
    200,
  );
  return { release, invitationLink: await inviteToRelease(client, release.id, customer) };
}

type ProgramBody = Parameters<TestClient['api']['api']['programs']['$post']>[0]['json'];

/** A program, as staff make it through the API: Acme Desktop's on acme/desktop, unless `program` says otherwise. */
export async function addProgram(client: TestClient, program: Partial<ProgramBody> & { name: string }) {
  return bodyOf(
    await client.api.api.programs.$post({
      json: {
        product: 'Acme Desktop',
        githubRepo: 'acme/desktop',
        termsText: 'Keep pre-release builds to yourself.',
        ...program,
      },
    }),
    201,
  );
}

/** A release of the program, as staff add it through the API; planned until its status changes. */
export async function addRelease(
  client: TestClient,
  programId: string,
  release: { version: string; build: string; testStart: Date; testEnd: Date },
) {
  return bodyOf(
    await client.api.api.programs[':id'].releases.$post({
      param: { id: programId },
      json: {
        version: release.version,
        build: release.build,
        testStart: release.testStart.toISOString(),
        testEnd: release.testEnd.toISOString(),
      },
    }),
    201,
  );
}

/** Staff invite one person to the release; the link of the invitation e-mail, read in the outbox. */
export async function inviteToRelease(
  client: TestClient,
  releaseId: string,
  invitee: { name: string; email: string },
): Promise<string> {
  await bodyOf(
    await client.api.api.releases[':id'].invitations.$post({
      param: { id: releaseId },
      json: { invitees: [{ name: invitee.name, email: invitee.email, company: 'Acme' }] },
    }),
    201,
  );
  const outbox = await bodyOf(await client.api.api.outbox.$get({ query: { to: invitee.email } }), 200);
  const invitationLink = /https?:\/\/\S+\/invitation#[A-Za-z0-9_-]+/.exec(outbox.items[0]?.text ?? '')?.[0];
  expect(invitationLink).toBeDefined();
  return invitationLink!;
}

/** The invited person accepts through the API, as their browser would; their signed-in client. */
export async function acceptInvitation(
  baseUrl: string,
  invitationLink: string,
  person: { name: string; password: string },
): Promise<TestClient> {
  const client = createClient(baseUrl);
  await bodyOf(
    await client.api.api.invitations.accept.$post({
      json: { token: new URL(invitationLink).hash.slice(1), name: person.name, password: person.password },
    }),
    200,
  );
  return client;
}

type ReportBody = Parameters<TestClient['api']['api']['reports']['$post']>[0]['json'];

/** Files a report as the client through the API, as the bug form does; with a fresh clientKey unless it has one. */
export async function fileReport(client: TestClient, report: Omit<ReportBody, 'clientKey'> & { clientKey?: string }) {
  return bodyOf(await client.api.api.reports.$post({ json: { clientKey: randomUUID(), ...report } }), 201);
}

/** The bug the tests' customers meet most: printing a long document closes the editor. */
export const printingCrash = {
  title: 'Printing a long document crashes',
  steps: '1. Open a long document\n2. Print',
  expected: 'It prints',
  actual: 'The editor closes',
  severity: 'major',
  component: 'Printing',
} as const;

/** Uploads a file as the client, as the bug form does; the stored attachment. */
export async function uploadAttachment(
  client: TestClient,
  file: { name: string; bytes: Uint8Array; type?: string },
): Promise<Attachment> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], file.type ? { type: file.type } : {}), file.name);
  const response = await client.request('/api/attachments', { method: 'POST', body: form });
  expect(response.status).toBe(201);
  return (await response.json()) as Attachment;
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
