import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileReportBody, filingLimits } from '../../api/reports/reports.schemas.ts';
import { acceptCurrentTerms, createProgram, createRelease, publishTerms } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let lead: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
});
afterAll(() => server?.stop());

const hour = 3_600_000;
const unknownId = '01900000-0000-7000-8000-000000000000';
type Release = { id: string; programId: string };

/** A new program (terms version 1) with a release in testing whose window is open now. */
async function openRelease(options: { components?: string[] } = {}): Promise<Release> {
  const program = await createProgram(server);
  if (options.components)
    await server.prisma.program.update({ where: { id: program.id }, data: { components: options.components } });
  const release = await createRelease(server, program.id);
  await setWindow(release.id, { testStart: new Date(Date.now() - hour), testEnd: new Date(Date.now() + 24 * hour) });
  return release;
}

async function setWindow(
  id: string,
  data: { testStart?: Date; testEnd?: Date; status?: 'planned' | 'testing' | 'shipped' },
): Promise<void> {
  await server.prisma.release.update({ where: { id }, data });
}

/** A new MVP whose enrolment in the release has the status (active unless told), terms accepted. */
async function mvpIn(release: Release, status: 'active' | 'invited' | 'completed' = 'active') {
  const { user, client } = await signedInClient(server, 'mvp');
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
  await acceptCurrentTerms(client, release.programId);
  if (status !== 'active') await server.prisma.enrolment.update({ where: { id: enrolment.id }, data: { status } });
  return { user, client, enrolmentId: enrolment.id };
}

let keys = 0;
function reportBody(releaseId: string, overrides: Partial<FileReportBody> = {}): FileReportBody {
  keys += 1;
  return {
    releaseId,
    title: 'Printing crashes the editor',
    steps: '1. Open a document\n2. Press **Print**\n',
    expected: 'The print dialog opens',
    actual: 'The editor closes without a word',
    severity: 'major',
    clientKey: `client-key-${keys}`,
    ...overrides,
  };
}

function fileReport(client: TestClient, json: FileReportBody) {
  return client.api.api.reports.$post({ json });
}

/** An upload as the attachments feature stores it, not yet attached unless told. */
async function uploaded(uploaderId: string, reportId: string | null = null, fileName = 'screen.png') {
  return server.prisma.attachment.create({
    data: { uploaderId, reportId, sha256: 'ab'.repeat(32), size: 2048, contentType: 'image/png', fileName },
    select: { id: true, fileName: true, contentType: true, size: true },
  });
}

async function reportsBy(reporterId: string) {
  return server.prisma.report.count({ where: { reporterId } });
}

describe('filing a report', () => {
  it("files an active MVP's report as customer, attaches their uploads, starts its timeline and ends their draft", async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    await bodyOf(
      await client.api.api.me['report-draft'].$put({ json: { releaseId: release.id, data: { t: 1 } } }),
      200,
    );
    const first = await uploaded(user.id, null, 'first.png');
    const second = await uploaded(user.id, null, 'second.log');
    const json = reportBody(release.id, {
      steps: '  1. Indented *Markdown*, kept as written  \n\n<script>alert(1)</script>\n',
      environment: { os: 'Windows 11', browser: 'Edge', browserVersion: '131.0', screen: '', locale: 'en-GB' },
      attachmentIds: [second.id, first.id],
    });

    const report = await bodyOf(await fileReport(client, json), 201);
    expect(report).toEqual({
      id: expect.any(String),
      programId: release.programId,
      releaseId: release.id,
      title: json.title,
      steps: json.steps,
      expected: json.expected,
      actual: json.actual,
      severity: 'major',
      component: null,
      environment: { os: 'Windows 11', browser: 'Edge', browserVersion: '131.0', locale: 'en-GB' },
      source: 'customer',
      status: 'new',
      priority: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      attachments: [first, second],
    });

    const stored = await server.prisma.report.findUniqueOrThrow({
      where: { id: report.id },
      select: { reporterId: true, clientKey: true, steps: true, events: { select: { kind: true, actorId: true } } },
    });
    expect(stored).toEqual({
      reporterId: user.id,
      clientKey: json.clientKey,
      steps: json.steps,
      events: [{ kind: 'filed', actorId: user.id }],
    });
    const attached = await server.prisma.attachment.findMany({ where: { reportId: report.id }, select: { id: true } });
    expect(attached.map((row) => row.id).sort()).toEqual([first.id, second.id].sort());
    expect(await bodyOf(await client.api.api.me['report-draft'].$get(), 200)).toEqual({ draft: null });
  });

  it.each(['admin', 'engineer', 'internal_tester'] as const)(
    'files for %s as internal, into any release of their programs, without an enrolment',
    async (role) => {
      const release = await openRelease();
      const { client } = await signedInClient(server, role, { programs: [release.programId] });
      const report = await bodyOf(await fileReport(client, reportBody(release.id)), 201);
      expect(report).toMatchObject({ source: 'internal', status: 'new', releaseId: release.id });
    },
  );

  it('takes the source from the role at filing time', async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const before = await bodyOf(await fileReport(client, reportBody(release.id)), 201);
    await server.prisma.user.update({ where: { id: user.id }, data: { role: 'internal_tester' } });
    await server.addToPrograms(user.id, [release.programId]);
    const after = await bodyOf(await fileReport(client, reportBody(release.id)), 201);
    expect([before.source, after.source]).toEqual(['customer', 'internal']);
  });
});

describe('field rules', () => {
  let release: Release;
  let reporter: Awaited<ReturnType<typeof mvpIn>>;
  beforeAll(async () => {
    release = await openRelease();
    reporter = await mvpIn(release);
  });

  const uuid = '01900000-0000-7000-8000-00000000000';
  const invalid: [string, Record<string, unknown>, string][] = [
    ['no release', { releaseId: undefined }, 'releaseId'],
    ['a release that is no id', { releaseId: 'release-1' }, 'releaseId'],
    ['a title of 2 characters', { title: ' ab ' }, 'title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    ['blank steps', { steps: ' \n ' }, 'steps'],
    ['steps over 20,000 characters', { steps: 'x'.repeat(20_001) }, 'steps'],
    ['no expected result', { expected: '' }, 'expected'],
    ['an actual result over 10,000 characters', { actual: 'x'.repeat(10_001) }, 'actual'],
    ['an unknown severity', { severity: 'critical' }, 'severity'],
    ['an environment field over 200 characters', { environment: { os: 'x'.repeat(201) } }, 'environment.os'],
    ['an unknown environment field', { environment: { gpu: 'RTX' } }, 'environment.gpu'],
    ['an environment field that is no text', { environment: { locale: 7 } }, 'environment.locale'],
    [
      '11 attachments',
      { attachmentIds: Array.from({ length: 11 }, (_, n) => `${uuid}${n.toString(16)}`) },
      'attachmentIds',
    ],
    ['an attachment that is no id', { attachmentIds: ['screen.png'] }, 'attachmentIds.0'],
    ['the same attachment twice', { attachmentIds: [`${uuid}1`, `${uuid}1`] }, 'attachmentIds.1'],
    ['a client key of 7 characters', { clientKey: '1234567' }, 'clientKey'],
    ['a client key over 100 characters', { clientKey: 'k'.repeat(101) }, 'clientKey'],
    ['no client key', { clientKey: undefined }, 'clientKey'],
    ['a field of its own', { priority: 'P0' }, 'priority'],
  ];
  it.each(invalid)('refuses %s, naming the field and storing nothing', async (_, overrides, field) => {
    const response = await reporter.client.json('POST', '/api/reports', { ...reportBody(release.id), ...overrides });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([field]);
    expect(await reportsBy(reporter.user.id)).toBe(0);
  });

  it('keeps a title of 200 characters and steps of 20,000, trimming only the title', async () => {
    const title = `  ${'t'.repeat(200)}  `;
    const steps = ` ${'s'.repeat(19_998)} `;
    const report = await bodyOf(await fileReport(reporter.client, reportBody(release.id, { title, steps })), 201);
    expect(report.title).toBe('t'.repeat(200));
    expect(report.steps).toBe(steps);
    await server.prisma.report.delete({ where: { id: report.id } });
  });
});

describe('components', () => {
  it("requires one of the program's components when it has any, stored in the program's spelling", async () => {
    const release = await openRelease({ components: ['Editor', 'Printing'] });
    const { user, client } = await mvpIn(release);
    for (const component of [undefined, null, '', 'Sync']) {
      const response = await fileReport(client, reportBody(release.id, { component }));
      expect(response.status, `component ${component}`).toBe(400);
      expect((await readProblem(response)).errors).toEqual([{ field: 'component', message: expect.any(String) }]);
    }
    expect(await reportsBy(user.id)).toBe(0);
    const report = await bodyOf(await fileReport(client, reportBody(release.id, { component: ' printing ' })), 201);
    expect(report.component).toBe('Printing');
  });

  it('refuses a component when the program has none', async () => {
    const release = await openRelease();
    const { client } = await mvpIn(release);
    const response = await fileReport(client, reportBody(release.id, { component: 'Editor' }));
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual(['component']);
    const empty = await bodyOf(await fileReport(client, reportBody(release.id, { component: '' })), 201);
    expect(empty.component).toBeNull();
  });
});

describe('attachments', () => {
  it("refuses another person's upload and one already attached, naming each, and attaches nothing", async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const other = await mvpIn(release);
    const mine = await uploaded(user.id);
    const theirs = await uploaded(other.user.id);
    const earlier = await bodyOf(await fileReport(client, reportBody(release.id)), 201);
    const attachedEarlier = await uploaded(user.id, earlier.id);

    const response = await fileReport(
      client,
      reportBody(release.id, { attachmentIds: [mine.id, theirs.id, attachedEarlier.id, unknownId] }),
    );
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([
      'attachmentIds.1',
      'attachmentIds.2',
      'attachmentIds.3',
    ]);
    expect(await reportsBy(user.id)).toBe(1);
    const rows = await server.prisma.attachment.findMany({
      where: { id: { in: [mine.id, theirs.id] } },
      select: { reportId: true },
    });
    expect(rows).toEqual([{ reportId: null }, { reportId: null }]);
  });

  it('lets only one of two filings at once take the same upload', async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const file = await uploaded(user.id);
    const responses = await Promise.all(
      [1, 2].map(() => fileReport(client, reportBody(release.id, { attachmentIds: [file.id] }))),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 400]);
    const refused = responses.find((response) => response.status === 400)!;
    expect((await readProblem(refused)).errors?.map((error) => error.field)).toEqual(['attachmentIds.0']);
    const filed = await (responses.find((response) => response.status === 201)!.json() as Promise<{ id: string }>);
    expect(await server.prisma.attachment.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
      reportId: filed.id,
    });
    expect(await reportsBy(user.id)).toBe(1);
  });
});

describe('retries', () => {
  it('returns the report already filed, with 200, for the same client key', async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const file = await uploaded(user.id);
    const json = reportBody(release.id, { attachmentIds: [file.id] });
    const first = await bodyOf(await fileReport(client, json), 201);
    const retry = await fileReport(client, json);
    expect(await bodyOf(retry, 200)).toEqual(first);
    const other = await bodyOf(await fileReport(client, reportBody(release.id)), 201);
    expect(other.id).not.toBe(first.id);
    expect(await reportsBy(user.id)).toBe(2);
  });

  it('returns the report for a retry that comes after the window closed', async () => {
    const release = await openRelease();
    const { client } = await mvpIn(release);
    const json = reportBody(release.id);
    const first = await bodyOf(await fileReport(client, json), 201);
    await setWindow(release.id, { testEnd: new Date(Date.now() - 1000) });
    expect(await bodyOf(await fileReport(client, json), 200)).toEqual(first);
  });

  it('files one report when the same request arrives several times at once', async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const json = reportBody(release.id);
    const responses = await Promise.all(Array.from({ length: 6 }, () => fileReport(client, json)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    expect(await reportsBy(user.id)).toBe(1);
    expect(await server.prisma.reportEvent.count({ where: { reportId: ids[0]! } })).toBe(1);
  });

  it('keeps client keys apart between reporters', async () => {
    const release = await openRelease();
    const first = await mvpIn(release);
    const second = await mvpIn(release);
    const json = reportBody(release.id);
    const a = await bodyOf(await fileReport(first.client, json), 201);
    const b = await bodyOf(await fileReport(second.client, json), 201);
    expect(a.id).not.toBe(b.id);
  });
});

describe('the filing allowance', () => {
  /** Files `count` new reports one after another, each answered 201. */
  async function fileMany(client: TestClient, releaseId: string, count: number) {
    const filed: FileReportBody[] = [];
    for (let n = 0; n < count; n += 1) {
      const json = reportBody(releaseId);
      await bodyOf(await fileReport(client, json), 201);
      filed.push(json);
    }
    return filed;
  }

  it("answers 429 with Retry-After past an MVP's burst, and keeps their draft", async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    await fileMany(client, release.id, filingLimits.mvp.burst);
    await bodyOf(
      await client.api.api.me['report-draft'].$put({ json: { releaseId: release.id, data: { title: 'Next' } } }),
      200,
    );
    const refused = await fileReport(client, reportBody(release.id));
    expect(refused.status).toBe(429);
    // One more report is allowed every 3600 / perHour seconds.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600 / filingLimits.mvp.perHour);
    expect((await readProblem(refused)).detail).toMatch(/Your draft is kept: file it again in about 1 minute/);
    expect(await reportsBy(user.id)).toBe(filingLimits.mvp.burst);
    expect((await bodyOf(await client.api.api.me['report-draft'].$get(), 200)).draft).not.toBeNull();
  });

  it('neither counts nor refuses a retry with the same client key', async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const [first] = await fileMany(client, release.id, filingLimits.mvp.burst - 1);
    for (let n = 0; n < 3; n += 1) await bodyOf(await fileReport(client, first!), 200);
    await bodyOf(await fileReport(client, reportBody(release.id)), 201);
    expect((await fileReport(client, reportBody(release.id))).status).toBe(429);
    // Once the allowance is spent, a retry still gets its report back.
    await bodyOf(await fileReport(client, first!), 200);
    expect(await reportsBy(user.id)).toBe(filingLimits.mvp.burst);
  });

  it('is not outrun by parallel filings', async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const responses = await Promise.all(
      Array.from({ length: filingLimits.mvp.burst + 5 }, () => fileReport(client, reportBody(release.id))),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(filingLimits.mvp.burst);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    expect(await reportsBy(user.id)).toBe(filingLimits.mvp.burst);
    expect(await server.prisma.syncJob.count({ where: { report: { reporterId: user.id } } })).toBe(
      filingLimits.mvp.burst,
    );
  });

  it("gives staff a larger burst, and keeps each person's allowance apart", async () => {
    const release = await openRelease();
    const tester = await signedInClient(server, 'internal_tester', { programs: [release.programId] });
    const mvp = await mvpIn(release);
    await fileMany(tester.client, release.id, filingLimits.staff.burst);
    expect((await fileReport(tester.client, reportBody(release.id))).status).toBe(429);
    await bodyOf(await fileReport(mvp.client, reportBody(release.id)), 201);
  });
});

describe('the test window', () => {
  const cases: [string, { testStart?: Date; testEnd?: Date; status?: 'planned' | 'shipped' }, RegExp][] = [
    ['before it opens', { testStart: new Date(Date.now() + hour) }, /opens at/],
    [
      'after it closed',
      { testStart: new Date(Date.now() - 3 * hour), testEnd: new Date(Date.now() - hour) },
      /closed at/,
    ],
    ['while the release is planned', { status: 'planned' }, /not in testing/],
    ['once the release shipped', { status: 'shipped' }, /shipped/],
  ];
  it.each(cases)('refuses a report %s, with the reason, on releaseId', async (_, change, reason) => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    const { client: staff } = await signedInClient(server, 'internal_tester', { programs: [release.programId] });
    await setWindow(release.id, change);
    for (const caller of [client, staff]) {
      const response = await fileReport(caller, reportBody(release.id));
      expect(response.status).toBe(409);
      const problem = await readProblem(response);
      expect(problem.detail).toMatch(reason);
      expect(problem.errors).toEqual([{ field: 'releaseId', message: problem.detail }]);
    }
    expect(await reportsBy(user.id)).toBe(0);
  });

  it('takes reports from the first moment of the window', async () => {
    const release = await openRelease();
    const { client } = await mvpIn(release);
    await setWindow(release.id, { testStart: new Date(Date.now() - 1) });
    expect((await fileReport(client, reportBody(release.id))).status).toBe(201);
  });
});

describe('who may file', () => {
  it('answers 404 to an MVP removed from the cohort', async () => {
    const release = await openRelease();
    const { user, client, enrolmentId } = await mvpIn(release);
    const filed = reportBody(release.id);
    expect((await fileReport(client, filed)).status).toBe(201);
    await bodyOf(await lead.api.api.enrolments[':id'].remove.$post({ param: { id: enrolmentId } }), 200);
    const response = await fileReport(client, reportBody(release.id));
    expect(response.status).toBe(404);
    expect((await readProblem(response)).detail).toBe('No such release.');
    expect((await fileReport(client, filed)).status, 'a retry reads the report, which they no longer may').toBe(404);
    expect(await reportsBy(user.id)).toBe(1);
  });

  it("answers 404 to an MVP filing into another program's release, as for an unknown release", async () => {
    const mine = await openRelease();
    const other = await openRelease();
    const { user, client } = await mvpIn(mine);
    const response = await fileReport(client, reportBody(other.id));
    const unknown = await fileReport(client, reportBody(unknownId));
    expect([response.status, unknown.status]).toEqual([404, 404]);
    expect((await readProblem(response)).detail).toBe((await readProblem(unknown)).detail);
    expect(await reportsBy(user.id)).toBe(0);
  });

  it('answers 404 to an MVP only invited to the release', async () => {
    const release = await openRelease();
    const { client } = await mvpIn(release, 'invited');
    expect((await fileReport(client, reportBody(release.id))).status).toBe(404);
  });

  it('tells an MVP whose cohort completed that the release shipped', async () => {
    const release = await openRelease();
    const { client } = await mvpIn(release, 'completed');
    await setWindow(release.id, { status: 'shipped' });
    const response = await fileReport(client, reportBody(release.id));
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toMatch(/shipped/);
  });

  it("asks an MVP to accept the program's new terms first", async () => {
    const release = await openRelease();
    const { user, client } = await mvpIn(release);
    await publishTerms(server, release.programId, 'Version two.');
    const response = await fileReport(client, reportBody(release.id));
    expect(response.status).toBe(403);
    expect((await readProblem(response)).code).toBe('terms_required');
    expect(await reportsBy(user.id)).toBe(0);
  });

  it('answers 401 without a session', async () => {
    const release = await openRelease();
    expect((await fileReport(server.client(), reportBody(release.id))).status).toBe(401);
  });
});
