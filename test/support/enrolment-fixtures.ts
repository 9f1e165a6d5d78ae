import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ApplyBody } from '../../api/join/join.schemas.ts';
import { hashTermsText } from '../../api/programs/hash-terms-text.ts';
import type { TestClient } from './http-client.ts';
import { bodyOf } from './problem.ts';
import { signedInClient, startTestServer, type TestServer, testPassword, tokenOf } from './test-server.ts';

// Programs, releases and reports are made directly in the database, so enrolment tests do not
// depend on the program and release routes; everything enrolment does goes through HTTP.

let made = 0;

/**
 * A file's server, started before its tests and stopped after them, with an admin signed in (the
 * lead of the tests' programs) and a program made in the database.
 */
export function enrolmentWorld() {
  const world = {} as { server: TestServer; lead: TestClient; program: Awaited<ReturnType<typeof createProgram>> };
  beforeAll(async () => {
    world.server = await startTestServer();
    world.lead = (await signedInClient(world.server, 'admin')).client;
    world.program = await createProgram(world.server);
  });
  afterAll(() => world.server?.stop());
  return world;
}

export async function createProgram(server: TestServer, options: { terms?: string | null; name?: string } = {}) {
  made += 1;
  const terms = options.terms === undefined ? 'Keep what you see to yourself.' : options.terms;
  return server.prisma.program.create({
    data: {
      name: options.name ?? `Acme Desktop MVPs ${made}`,
      product: 'Acme Desktop',
      githubRepo: 'acme/desktop',
      priorityLevels: ['P0', 'P1', 'P2', 'P3'],
      priorityLabels: [],
      priorityThreshold: 'P1',
      notActionableLabels: ['invalid', 'wontfix'],
      components: [],
      ...(terms === null ? {} : { terms: { create: { version: 1, text: terms, textHash: hashTermsText(terms) } } }),
    },
    select: { id: true, name: true, product: true },
  });
}

export async function createRelease(
  server: TestServer,
  programId: string,
  options: {
    version?: string;
    cohortCapacity?: number | null;
    status?: 'planned' | 'testing' | 'shipped';
    /** Testing from yesterday to a month from now, so that it takes reports now; else March 2026. */
    testingNow?: boolean;
  } = {},
) {
  made += 1;
  const day = 86_400_000;
  return server.prisma.release.create({
    data: {
      programId,
      version: options.version ?? `2.${made}`,
      build: `20${made}`,
      testStart: options.testingNow ? new Date(Date.now() - day) : new Date('2026-03-02T00:00:00Z'),
      testEnd: options.testingNow ? new Date(Date.now() + 30 * day) : new Date('2026-03-30T00:00:00Z'),
      focusAreas: ['Sync', 'Printing'],
      instructions: 'Try everything.',
      cohortCapacity: options.cohortCapacity ?? null,
      status: options.status ?? 'testing',
    },
    select: { id: true, programId: true, version: true },
  });
}

/** A customer's report in the release, as filing it would make it (not on GitHub). */
export async function createReport(
  server: TestServer,
  release: { id: string; programId: string },
  reporterId: string,
  title = 'Crash on save',
) {
  return server.prisma.report.create({
    data: {
      programId: release.programId,
      releaseId: release.id,
      reporterId,
      source: 'customer',
      title,
      steps: 'Save',
      expected: 'Saved',
      actual: 'Crash',
      severity: 'major',
      environment: {},
    },
    select: { id: true },
  });
}

/** Files a report through the API as the client, as the portal does: its create_issue job is committed with it. */
export async function fileReportAs(client: TestClient, releaseId: string, title = 'Export loses the last row') {
  const json = {
    releaseId,
    title,
    steps: 'Export a table',
    expected: 'Every row',
    actual: 'One row short',
    severity: 'major' as const,
    clientKey: randomUUID(),
  };
  return bodyOf(await client.api.api.reports.$post({ json }), 201);
}

/** A new version of the program's terms, as publishing them would make it. */
export async function publishTerms(server: TestServer, programId: string, text: string) {
  const latest = await server.prisma.programTerms.findFirst({
    where: { programId },
    orderBy: { version: 'desc' },
    select: { version: true },
  });
  return server.prisma.programTerms.create({
    data: { programId, version: (latest?.version ?? 0) + 1, text, textHash: hashTermsText(text) },
    select: { version: true },
  });
}

/** The newest e-mail of the kind sent to the address, read as a program lead reads it: through the outbox. */
export async function latestMail(lead: TestClient, to: string, kind: string) {
  const page = await bodyOf(await lead.api.api.outbox.$get({ query: { to } }), 200);
  const message = page.items.find((item) => item.kind === kind);
  expect(message, `no ${kind} e-mail to ${to}`).toBeDefined();
  return message!;
}

export function linkIn(text: string, path: '/invitation' | '/join' | '/join/confirm' | '/set-password'): string {
  const match = new RegExp(`https?://\\S+${path}#[A-Za-z0-9_-]+`).exec(text);
  expect(match, `no ${path} link in: ${text}`).not.toBeNull();
  return match![0];
}

/** The token of the newest invitation e-mailed to the address. */
export async function invitationToken(lead: TestClient, to: string): Promise<string> {
  return tokenOf(linkIn((await latestMail(lead, to, 'invitation')).text, '/invitation'));
}

/** The token of the newest join confirmation e-mailed to the address. */
export async function joinConfirmationToken(lead: TestClient, to: string): Promise<string> {
  return tokenOf(linkIn((await latestMail(lead, to, 'join-confirmation')).text, '/join/confirm'));
}

/**
 * Applies through a join link from a browser of its own, then confirms from the e-mail as the
 * applicant would; answers the confirmation.
 */
export async function applyAndConfirm(server: TestServer, lead: TestClient, application: ApplyBody) {
  const applied = await browser(server).api.api.join.apply.$post({ json: application });
  expect(applied.status, `applying as ${application.email}`).toBe(202);
  const token = await joinConfirmationToken(lead, application.email);
  return browser(server).api.api.join.confirm.$post({ json: { token } });
}

let addresses = 0;

/** A client like a new browser, from an address of its own (so sign-in throttles stay apart). */
export function browser(server: TestServer): TestClient {
  addresses += 1;
  return server.client({ 'x-forwarded-for': `203.0.113.${addresses % 250}` });
}

export async function invite(
  lead: TestClient,
  releaseId: string,
  invitees: { email: string; name?: string; company?: string }[],
) {
  const response = await lead.api.api.releases[':id'].invitations.$post({
    param: { id: releaseId },
    json: {
      invitees: invitees.map((invitee) => ({ name: 'Invited Person', company: 'Customer Co', ...invitee })),
    },
  });
  return (await bodyOf(response, 201)).items;
}

/** Invites a new person and accepts as them, making their MVP account; returns their signed-in client. */
export async function activeMvp(server: TestServer, lead: TestClient, releaseId: string, email: string) {
  const [member] = await invite(lead, releaseId, [{ email, name: `Name of ${email}` }]);
  const client = browser(server);
  const accepted = await client.api.api.invitations.accept.$post({
    json: { token: await invitationToken(lead, email), name: `Name of ${email}`, password: testPassword },
  });
  const user = await bodyOf(accepted, 200);
  return { client, user, enrolmentId: member!.id };
}

/** Accepts the program's current terms through the API, as the portal does. */
export async function acceptCurrentTerms(client: TestClient, programId: string) {
  const pending = await bodyOf(await client.api.api.me.terms.$get(), 200);
  const terms = pending.items.find((item) => item.programId === programId);
  expect(terms, 'no pending terms for the program').toBeDefined();
  const response = await client.api.api.programs[':id'].terms.acceptance.$post({
    param: { id: programId },
    json: { version: terms!.version },
  });
  return bodyOf(response, 201);
}

/**
 * A new MVP signed in and active in each release (enrolments made directly, not through
 * invitations), with the current terms of each program accepted through the API.
 */
export async function mvpActiveIn(server: TestServer, ...releases: { id: string; programId: string }[]) {
  const { user, client } = await signedInClient(server, 'mvp');
  const enrolments: string[] = [];
  for (const release of releases) {
    const enrolment = await server.prisma.enrolment.create({
      data: {
        releaseId: release.id,
        userId: user.id,
        email: user.email,
        name: user.name,
        company: 'Customer Co',
        status: 'active',
        source: 'invitation',
      },
      select: { id: true },
    });
    enrolments.push(enrolment.id);
  }
  for (const programId of new Set(releases.map((release) => release.programId)))
    await acceptCurrentTerms(client, programId);
  return { user, client, enrolments };
}
