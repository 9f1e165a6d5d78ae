import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../api/generated/prisma/client.ts';
import { hashToken } from '../../api/lib/tokens.ts';
import { createProgram, createRelease, createReport } from '../support/enrolment-fixtures.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Every route of the OpenAPI document, every role and no session: the status each must get.
// A route missing from this table fails the test, so new routes must state who may call them.

// Engineers and internal testers work only on the programs they are members of: the matrix's
// `engineer` and `internal_tester` are members of its programs, `lead` is an engineer who leads
// them, and the two `*_elsewhere` callers are staff of another program only.
type Caller = Role | 'anonymous' | 'lead' | 'engineer_elsewhere' | 'internal_tester_elsewhere';
const callers: Caller[] = [
  'anonymous',
  'admin',
  'engineer',
  'internal_tester',
  'mvp',
  'lead',
  'engineer_elsewhere',
  'internal_tester_elsewhere',
];
const staff: Caller[] = ['admin', 'engineer', 'internal_tester'];
const signedIn: Caller[] = [...staff, 'mvp'];
const roleOf = (caller: Exclude<Caller, 'anonymous'>): Role =>
  caller === 'lead' || caller === 'engineer_elsewhere'
    ? 'engineer'
    : caller === 'internal_tester_elsewhere'
      ? 'internal_tester'
      : caller;

const bogusToken = 'A'.repeat(43);
const somePassword = 'a long enough password';

type Case = {
  /** Who gets past access control; everyone else gets 401 (anonymous) or 403. */
  allowed: Caller[] | 'public';
  /** What an allowed caller gets for the request: the route's path, with `{id}` as below. */
  status: number;
  /**
   * Program-scoped: staff outside the program get 404 where their role would let them in.
   * `lead`: also for the program's leads, whose role passes the route (a member who does not lead
   * it gets 403).
   */
  scope?: 'program' | 'lead';
  /** What the route's `{id}` names (its `{userId}` is always `staffMember`). */
  id?: IdName;
  /** Appended to the path. */
  query?: string;
  body?: (ids: Ids) => unknown;
};
type Ids = { staffMember: string; mvpAccount: string; missing: string; run: number } & Fixtures &
  EnrolmentFixtures &
  ReportFixtures;
type IdName = Exclude<keyof Ids, 'run'>;
/** A program and release that the matrix's MVP is enrolled in (terms accepted), and a program to publish terms on. */
type Fixtures = { program: string; release: string; spareProgram: string };
/** `openRelease` takes reports now (the MVP is active in it); `openReport` was filed there by someone outside the matrix. */
type ReportFixtures = { report: string; openRelease: string; openReport: string };
/** Enrolments of `release`, one per route that changes an enrolment's status. */
type EnrolmentFixtures = Record<
  'enrolmentToResend' | 'enrolmentToRevoke' | 'enrolmentToApprove' | 'enrolmentToDecline' | 'enrolmentToRemove',
  string
>;

/** Program-scoped: `allowed` among the program's staff and MVPs. */
const inProgram = (allowed: Caller[], status: number, id?: IdName, body?: Case['body']): Case => ({
  allowed,
  scope: 'program',
  status,
  id,
  body,
});
/** Admins and the program's leads. */
const byLeads = (status: number, id: IdName, body?: Case['body']): Case => ({
  allowed: ['admin', 'lead'],
  scope: 'lead',
  status,
  id,
  body,
});

const matrix: Record<string, Case> = {
  'GET /api/health': { allowed: 'public', status: 200 },
  'GET /api/ready': { allowed: 'public', status: 200 },
  'GET /api/setup/status': { allowed: 'public', status: 200 },
  'POST /api/setup': {
    allowed: 'public',
    status: 410,
    body: () => ({ token: bogusToken, name: 'X', email: 'x@example.test', password: somePassword }),
  },
  // An address per call: the throttle would otherwise answer 429 after a few of the callers.
  'POST /api/auth/sign-in': {
    allowed: 'public',
    status: 401,
    body: (ids) => ({ email: `nobody-${ids.run}@example.test`, password: 'x' }),
  },
  'POST /api/auth/links/inspect': { allowed: 'public', status: 410, body: () => ({ token: bogusToken }) },
  'POST /api/auth/set-password': {
    allowed: 'public',
    status: 410,
    body: () => ({ token: bogusToken, password: somePassword }),
  },
  'POST /api/auth/password-reset': {
    allowed: 'public',
    status: 202,
    body: (ids) => ({ email: `reset-${ids.run}@example.test` }),
  },
  'POST /api/auth/sign-out': { allowed: signedIn, status: 204 },
  'POST /api/auth/sign-out-everywhere': { allowed: signedIn, status: 204 },
  'GET /api/auth/session': { allowed: 'public', status: 200 },
  'GET /api/auth/me': { allowed: signedIn, status: 200 },
  'POST /api/account/password': {
    allowed: signedIn,
    status: 400,
    body: () => ({ currentPassword: 'not it', newPassword: somePassword }),
  },
  'GET /api/programs': { allowed: signedIn, status: 200 },
  'POST /api/programs': {
    allowed: ['admin'],
    status: 201,
    body: (ids) => ({ name: `Program ${ids.run}`, product: 'App', githubRepo: 'acme/app', termsText: 'Terms' }),
  },
  'GET /api/programs/{id}': inProgram(signedIn, 200, 'program'),
  'PATCH /api/programs/{id}': byLeads(200, 'program', (ids) => ({ product: `App ${ids.run}` })),
  'POST /api/programs/{id}/terms': byLeads(201, 'spareProgram', (ids) => ({ text: `Terms ${ids.run}` })),
  'GET /api/programs/{id}/releases': inProgram(signedIn, 200, 'program'),
  'POST /api/programs/{id}/releases': byLeads(201, 'program', (ids) => ({
    version: `v${ids.run}`,
    build: '1',
    testStart: '2026-01-01T00:00:00Z',
    testEnd: '2026-02-01T00:00:00Z',
  })),
  'GET /api/releases/{id}': inProgram(signedIn, 200, 'release'),
  'PATCH /api/releases/{id}': byLeads(200, 'release', (ids) => ({ build: `build ${ids.run}` })),
  'GET /api/reports/{id}': inProgram(signedIn, 200, 'report'),
  'POST /api/reports/{id}/comments': inProgram(signedIn, 201, 'report', () => ({ body: 'Still happens.' })),
  'GET /api/programs/{id}/reports': inProgram(staff, 200, 'program'),
  'GET /api/programs/{id}/github-credential': inProgram(staff, 200, 'program'),
  // This server keeps no programs' credentials (no CREDENTIALS_KEY): those allowed get 409 saying so.
  'PUT /api/programs/{id}/github-credential': byLeads(409, 'program', () => ({ kind: 'token', token: 'ghp_matrix' })),
  'DELETE /api/programs/{id}/github-credential': byLeads(200, 'program'),
  'GET /api/programs/{id}/members': inProgram(staff, 200, 'program'),
  'PUT /api/programs/{id}/members/{userId}': byLeads(200, 'program', () => ({ lead: true })),
  'DELETE /api/programs/{id}/members/{userId}': byLeads(204, 'program'),
  'GET /api/staff': { allowed: ['admin'], status: 200 },
  'POST /api/staff': {
    allowed: ['admin'],
    status: 201,
    body: (ids) => ({ email: `new-${ids.run}@example.test`, name: 'New', role: 'engineer' }),
  },
  'PATCH /api/staff/{id}': {
    allowed: ['admin'],
    status: 200,
    id: 'staffMember',
    body: () => ({ role: 'internal_tester' }),
  },
  'POST /api/reports': inProgram(signedIn, 201, undefined, (ids) => ({
    releaseId: ids.openRelease,
    title: 'Matrix bug',
    steps: 'Open it',
    expected: 'It opens',
    actual: 'It crashes',
    severity: 'minor',
    clientKey: `matrix-${ids.run}`,
  })),
  'POST /api/releases/{id}/similar-reports': inProgram(signedIn, 200, 'openRelease', () => ({ title: 'Crash' })),
  'POST /api/reports/{id}/me-too': inProgram(signedIn, 201, 'openReport', () => ({ note: 'Me too' })),
  'GET /api/me/report-draft': { allowed: signedIn, status: 200 },
  'PUT /api/me/report-draft': { allowed: signedIn, status: 200, body: () => ({ data: { title: 'Half typed' } }) },
  'DELETE /api/me/report-draft': { allowed: signedIn, status: 204 },
  'GET /api/me/reports': { allowed: signedIn, status: 200 },
  'GET /api/outbox': { allowed: ['admin'], status: 200 },
  // Admins only: a program's lead reads no audit trail, not even their program's.
  'GET /api/audit': { allowed: ['admin'], status: 200 },
  'GET /api/programs/{id}/repository-check': inProgram(staff, 200, 'program'),
  // This server has no GitHub credentials: the check runs and says so.
  'POST /api/programs/{id}/repository-check': byLeads(200, 'program'),
  'GET /api/programs/{id}/sync': inProgram(['admin', 'engineer'], 200, 'program'),
  // A job id that names no job gets past access control to 404.
  'POST /api/sync-jobs/{id}/retry': { allowed: ['admin', 'engineer'], status: 404, id: 'missing' },
  // Uploads are multipart (415 to the matrix's bodiless request); reads and deletes of an id that
  // names no attachment get past access control to 404.
  'POST /api/attachments': { allowed: signedIn, status: 415 },
  'GET /api/attachments/{id}': { allowed: signedIn, status: 404, id: 'missing' },
  'DELETE /api/attachments/{id}': { allowed: signedIn, status: 404, id: 'missing' },
  // A fresh MVP account per call, so that disabling it signs nobody else out.
  'PATCH /api/mvps/{id}': { allowed: ['admin'], status: 200, id: 'mvpAccount', body: () => ({ disabled: true }) },
  // Data rights: the archive for anyone signed in; erasure for MVPs with their password (a wrong
  // one here, so the matrix's MVP stays); an admin's or the program lead's export and erasure of a
  // fresh MVP of the matrix's program.
  'GET /api/account/export': { allowed: signedIn, status: 200 },
  'POST /api/account/erase': { allowed: ['mvp'], status: 400, body: () => ({ password: 'not it' }) },
  'GET /api/mvps/{id}/export': byLeads(200, 'mvpAccount'),
  'POST /api/mvps/{id}/erase': byLeads(200, 'mvpAccount'),
  'POST /api/staff/{id}/password-link': { allowed: ['admin'], status: 201, id: 'staffMember' },
  'POST /api/releases/{id}/invitations': byLeads(201, 'release', (ids) => ({
    invitees: [{ email: `invitee-${ids.run}@example.test`, name: 'Invitee', company: 'C' }],
  })),
  'POST /api/enrolments/{id}/invitation': byLeads(201, 'enrolmentToResend'),
  'DELETE /api/enrolments/{id}/invitation': byLeads(200, 'enrolmentToRevoke'),
  'POST /api/invitations/inspect': { allowed: 'public', status: 410, body: () => ({ token: bogusToken }) },
  'POST /api/invitations/accept': {
    allowed: 'public',
    status: 410,
    body: () => ({ token: bogusToken, name: 'X', password: somePassword }),
  },
  'PUT /api/releases/{id}/join-link': byLeads(200, 'release', () => ({ enabled: true, cap: null })),
  'POST /api/releases/{id}/join-link/rotate': byLeads(200, 'release'),
  'POST /api/join/inspect': { allowed: 'public', status: 410, body: () => ({ token: bogusToken }) },
  'POST /api/join/apply': {
    allowed: 'public',
    status: 410,
    body: () => ({
      token: bogusToken,
      name: 'X',
      email: 'x@example.test',
      company: 'C',
      jobRole: 'R',
      platforms: [],
      devices: [],
      motivation: 'M',
    }),
  },
  'POST /api/join/confirmation/inspect': { allowed: 'public', status: 410, body: () => ({ token: bogusToken }) },
  'POST /api/join/confirm': { allowed: 'public', status: 410, body: () => ({ token: bogusToken }) },
  'GET /api/releases/{id}/cohort': byLeads(200, 'release'),
  'POST /api/enrolments/{id}/approve': byLeads(200, 'enrolmentToApprove'),
  'POST /api/enrolments/{id}/decline': byLeads(200, 'enrolmentToDecline'),
  'POST /api/enrolments/{id}/remove': byLeads(200, 'enrolmentToRemove'),
  'GET /api/me/terms': { allowed: ['mvp'], status: 200 },
  'POST /api/programs/{id}/terms/acceptance': {
    allowed: ['mvp'],
    status: 201,
    id: 'program',
    body: () => ({ version: 1 }),
  },
  'GET /api/me/profile': { allowed: ['mvp'], status: 200 },
  'GET /api/me/github': { allowed: ['mvp'], status: 200 },
  // This server has no OAuth app configured: there is no linking to start.
  'POST /api/me/github/link': { allowed: ['mvp'], status: 404 },
  // No link was started in this browser: the answer is refused on its state.
  'GET /api/me/github/callback': { allowed: ['mvp'], status: 400, query: '?code=abc&state=def' },
  'DELETE /api/me/github': { allowed: ['mvp'], status: 204 },
  'PUT /api/me/profile': {
    allowed: ['mvp'],
    status: 200,
    body: (ids) => ({ name: 'M', company: 'C', handle: `matrix-${ids.run}`, platforms: [], devices: [] }),
  },
  'GET /api/me/releases': { allowed: ['mvp'], status: 200 },
  'GET /api/me/notice-preferences': { allowed: signedIn, status: 200 },
  'PUT /api/me/notice-preferences': {
    allowed: signedIn,
    status: 200,
    body: () => ({ preferences: { comment: 'daily' } }),
  },
  // Signed by GitHub instead of sessioned: the matrix's server has no webhook secret, so every
  // caller gets 503; signatures are tested in github-webhooks.test.ts.
  'POST /api/github/webhooks': { allowed: 'public', status: 503, body: () => ({ zen: 'Design for failure.' }) },
  'GET /api/releases/{id}/stats': inProgram(staff, 200, 'release'),
  'GET /api/programs/{id}/stats': inProgram(staff, 200, 'program'),
  'GET /api/programs/{id}/stats/clusters': { ...inProgram(staff, 200, 'program'), query: '?format=csv' },
  'GET /api/programs/{id}/rescue': inProgram(staff, 200, 'program'),
  'GET /api/programs/{id}/rescue-stats': inProgram(staff, 200, 'program'),
  // Admins and the program's leads; the report is not on GitHub yet, so not on the Rescue list.
  'POST /api/reports/{id}/rescue': byLeads(409, 'report'),
  // Fix verification: everyone reads their own request (none here); nobody was asked, so nothing to answer.
  'GET /api/reports/{id}/verification': inProgram(signedIn, 200, 'report'),
  'POST /api/reports/{id}/verification': inProgram(signedIn, 404, 'report', () => ({ result: 'fixed' })),
  'PUT /api/reports/{id}/fixed-in': inProgram(['admin', 'engineer'], 200, 'report', (ids) => ({
    build: `hotfix ${ids.run}`,
  })),
  'GET /api/programs/{id}/verification-stats': inProgram(staff, 200, 'program'),
  // The public boards: MVPs read those of releases and programs they take part in.
  'GET /api/releases/{id}/leaderboard': inProgram(signedIn, 200, 'release'),
  'GET /api/programs/{id}/leaderboard': inProgram(signedIn, 200, 'program'),
  'GET /api/me/recognition': { allowed: ['mvp'], status: 200 },
  'PUT /api/me/recognition/visibility': {
    allowed: ['mvp'],
    status: 200,
    body: () => ({ showOnLeaderboard: false }),
  },
};

/** The request a case makes: the route's path with its ids filled in. */
function requestOf(route: string, rule: Case, ids: Ids): { method: string; path: string; body: unknown } {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace('{id}', () => (rule.id ? ids[rule.id] : '{id}')).replace('{userId}', ids.staffMember);
  return { method, path: `${path}${rule.query ?? ''}`, body: rule.body?.(ids) };
}

let server: TestServer;
let document: { paths: Record<string, Record<string, unknown>> };
const users = new Map<Caller, string>();
let fixtures: Fixtures;
/** One set for the admin and one for the lead, since each changes an enrolment once. */
const enrolmentFixtures = new Map<'admin' | 'lead', EnrolmentFixtures>();
let reportFixtures: ReportFixtures;

beforeAll(async () => {
  server = await startTestServer();
  document = await (await server.client().request('/api/openapi.json')).json();
  for (const caller of callers) {
    if (caller !== 'anonymous') users.set(caller, (await server.createUser(roleOf(caller))).id);
  }
  fixtures = await createFixtures(users.get('mvp')!);
  enrolmentFixtures.set('admin', await createEnrolmentFixtures(fixtures.release));
  enrolmentFixtures.set('lead', await createEnrolmentFixtures(fixtures.release, 'lead-'));
  reportFixtures = await createReportFixtures(fixtures, users.get('mvp')!);
  await createMemberships();
});

/** The matrix's staff work on its programs, the lead leads them, and the others work elsewhere only. */
async function createMemberships(): Promise<void> {
  const ours = [fixtures.program, fixtures.spareProgram];
  await server.addToPrograms(users.get('engineer')!, ours);
  await server.addToPrograms(users.get('internal_tester')!, ours);
  await server.addToPrograms(users.get('lead')!, ours, { lead: true });
  const elsewhere = await createProgram(server, { name: 'Elsewhere', terms: null });
  await server.addToPrograms(users.get('engineer_elsewhere')!, [elsewhere.id], { lead: true });
  await server.addToPrograms(users.get('internal_tester_elsewhere')!, [elsewhere.id], { lead: true });
}

/** The status a caller gets: see `Case.scope` for the program-scoped routes. */
function expectedStatus(rule: Case, caller: Caller): number {
  if (rule.allowed === 'public') return rule.status;
  if (caller === 'anonymous') return 401;
  const role = roleOf(caller);
  const allowed = rule.allowed.includes(caller) || rule.allowed.includes(role);
  const passesRole = allowed || (rule.scope === 'lead' && role !== 'mvp');
  if (!passesRole) return 403;
  if (rule.scope && caller.endsWith('_elsewhere')) return 404;
  return allowed ? rule.status : 403;
}

async function createEnrolmentFixtures(releaseId: string, prefix = ''): Promise<EnrolmentFixtures> {
  const statuses = {
    enrolmentToResend: 'invited',
    enrolmentToRevoke: 'invited',
    enrolmentToApprove: 'applied',
    enrolmentToDecline: 'applied',
    enrolmentToRemove: 'invited',
  } as const;
  const enrolments = {} as EnrolmentFixtures;
  for (const [purpose, status] of Object.entries(statuses) as [keyof EnrolmentFixtures, 'invited' | 'applied'][]) {
    const source = status === 'applied' ? 'application' : 'invitation';
    const row = await server.prisma.enrolment.create({
      data: { releaseId, email: `${prefix}${purpose}@example.test`, name: purpose, company: 'C', status, source },
      select: { id: true },
    });
    enrolments[purpose] = row.id;
  }
  return enrolments;
}

/** An MVP's enrolment in a release, active as accepting an invitation makes it. */
function activeEnrolment(userId: string, email: string, name: string) {
  return { userId, email, name, company: 'C', status: 'active', source: 'invitation' } as const;
}

/** A report the matrix's MVP filed, so that reading and commenting on it are theirs to do. */
async function createReportFixtures(fixtures: Fixtures, mvpId: string): Promise<ReportFixtures> {
  const report = await createReport(server, { id: fixtures.release, programId: fixtures.program }, mvpId);
  const openRelease = await createRelease(server, fixtures.program, { version: '2.0', testingNow: true });
  await server.prisma.enrolment.create({
    data: { releaseId: openRelease.id, ...activeEnrolment(mvpId, 'mvp@example.test', 'M') },
  });
  // Another customer's report: an MVP says "me too" to customers' reports (internal ones are not offered).
  const reporter = await server.createUser('mvp');
  const openReport = await createReport(server, openRelease, reporter.id, 'Crash on print');
  return { report: report.id, openRelease: openRelease.id, openReport: openReport.id };
}

async function createFixtures(mvpId: string): Promise<Fixtures> {
  const program = await createProgram(server, { name: 'Matrix', terms: 'T' });
  // Terms are published on a program of their own, so the MVP's acceptance of `program` stays current.
  const spare = await createProgram(server, { name: 'Spare', terms: 'T' });
  const release = await createRelease(server, program.id, { version: '1.0', status: 'planned' });
  await server.prisma.enrolment.create({
    data: { releaseId: release.id, ...activeEnrolment(mvpId, 'mvp@example.test', 'M') },
  });
  const terms = await server.prisma.programTerms.findFirstOrThrow({
    where: { programId: program.id },
    select: { id: true, textHash: true },
  });
  await server.prisma.termsAcceptance.create({
    data: { userId: mvpId, programId: program.id, termsId: terms.id, version: 1, textHash: terms.textHash },
  });
  return { program: program.id, release: release.id, spareProgram: spare.id };
}
afterAll(() => server?.stop());

/** A fresh session per request, so that signing out in one case leaves the others signed in. */
async function sessionCookie(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  const token = `${caller}-${Math.random().toString(36).slice(2)}`.padEnd(43, 'x');
  await server.prisma.session.create({
    data: { id: hashToken(token), userId: users.get(caller)!, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return { cookie: `ft_session=${token}` };
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(document).toMatchObject({ openapi: '3.1.0' });
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route in the access matrix, and no other', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(Object.keys(matrix).sort());
  });
});

describe('access by role', () => {
  let run = 0;
  for (const [route, rule] of Object.entries(matrix)) {
    for (const caller of callers) {
      const expected = expectedStatus(rule, caller);
      it(`${route} as ${caller} → ${expected}`, async () => {
        const target = await server.createUser('engineer');
        // A member of the matrix's program, so that taking them off it is someone's to do.
        await server.addToPrograms(target.id, [fixtures.program]);
        // A customer of the matrix's program only, whose data requests its lead may answer.
        const mvpAccount = await server.createUser('mvp');
        await server.prisma.enrolment.create({
          data: { releaseId: fixtures.release, ...activeEnrolment(mvpAccount.id, mvpAccount.email, 'Fresh') },
        });
        const { method, path, body } = requestOf(route, rule, {
          ...fixtures,
          ...enrolmentFixtures.get(caller === 'lead' ? 'lead' : 'admin')!,
          ...reportFixtures,
          staffMember: target.id,
          mvpAccount: mvpAccount.id,
          missing: '01900000-0000-7000-8000-00000000a77a',
          run: ++run,
        });
        const response = await server.client().request(path, {
          method,
          headers: {
            ...(await sessionCookie(caller)),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(response.status).toBe(expected);
      });
    }
  }
});

// The one view mapper (api/report-views/timeline-view.ts) decides what each role reads of a report's
// GitHub side: staff everything, the MVP who filed it engineering's progress without the issue.
describe('what each role reads of the GitHub side of a report', () => {
  const issueUrl = 'https://github.com/acme/app/issues/321';
  beforeAll(async () => {
    await server.prisma.report.update({
      where: { id: reportFixtures.report },
      data: { issueRepo: 'acme/app', issueNumber: 321, issueUrl, status: 'duplicate' },
    });
    await server.prisma.reportEvent.createMany({
      data: [
        { reportId: reportFixtures.report, kind: 'synced', data: { issueNumber: 321, issueUrl } },
        {
          reportId: reportFixtures.report,
          kind: 'duplicate_of',
          data: { reportId: reportFixtures.openReport, issueRepo: 'acme/app', issueNumber: 322 },
        },
      ],
    });
  });

  for (const caller of signedIn) {
    const staffCaller = caller !== 'mvp';
    it(`${caller} ${staffCaller ? 'reads' : 'does not read'} the issue and the other report's id`, async () => {
      const response = await server.client().request(`/api/reports/${reportFixtures.report}`, {
        headers: await sessionCookie(caller),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      // An issue number stands on its own: not inside an id's hex digits or a timestamp's milliseconds
      // (".321Z"), where it appears by chance.
      const standalone = (number: string) => new RegExp(`(?<![0-9a-f.])${number}(?![0-9a-f])`);
      for (const hidden of [standalone('321'), standalone('322'), 'github.com', reportFixtures.openReport]) {
        const found = typeof hidden === 'string' ? text.includes(hidden) : hidden.test(text);
        expect(found, `${caller} and ${hidden}`).toBe(staffCaller);
      }
    });
  }
});
