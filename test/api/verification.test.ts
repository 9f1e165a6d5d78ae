import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../api/attachments/attachments.schemas.ts';
import { parseEnv } from '../../api/env.ts';
import { commentMarker } from '../../api/github-sync/client/github.schemas.ts';
import { createGithubClient, type GithubClient } from '../../api/github-sync/client/github-client.ts';
import { startSyncWorker } from '../../api/github-sync/outbound/start-sync-worker.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { queueVerificationReminders } from '../../api/notices/queue-verification-reminders.ts';
import type { AnswerVerificationBody } from '../../api/verification/verification.schemas.ts';
import { createProgram, createRelease, mvpActiveIn, publishTerms } from '../support/enrolment-fixtures.ts';
import {
  createLinkedReport,
  createProgramWithRelease,
  type InboundWorld,
  messagesTo,
  programRepo,
  settle,
  startInboundWorld,
} from '../support/github-inbound-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { until } from '../support/sync-outbound-fixtures.ts';
import { signedInClient } from '../support/test-server.ts';

// Checking a fix: engineering closes an issue as completed in the GitHub emulator, its signed
// webhook reaches the real server, and everyone who found the bug is asked whether it is fixed for
// them. Their answers go back to the issue through the outbound sync (a worker in this process on
// the emulator): one comment per "still broken", a reopen or a label, a "verified" label once.

const hour = 3_600_000;
const engineer = 'eng-octo';
const publicUrl = 'https://fieldtest.example';

let world: InboundWorld;
let worker: { stop: () => Promise<void>; wake: () => void };
let program: { id: string };
let release: { id: string; programId: string };
let later: { id: string; programId: string };
type Mvp = { id: string; email: string; client: TestClient; handle: string };
const mvps = {} as Record<'ana' | 'ben' | 'cleo' | 'dora' | 'dev', Mvp>;
let lead: TestClient;
let engineerClient: TestClient;
let tester: TestClient;

const gh = () => world.emulator.control;

async function mvpIn(handle: string, ...releases: { id: string; programId: string }[]): Promise<Mvp> {
  const { user, client } = await mvpActiveIn(world.server, ...releases);
  await world.server.prisma.mvpProfile.create({
    data: { userId: user.id, company: 'Customer Co', handle, platforms: [], devices: [] },
  });
  return { id: user.id, email: user.email, client, handle };
}

beforeAll(async () => {
  world = await startInboundWorld();
  await gh().setAssociation(programRepo, engineer, 'COLLABORATOR');
  const made = await createProgramWithRelease(world.server);
  program = made.program;
  release = { id: made.release.id, programId: program.id };
  await publishTerms(world.server, program.id, 'Keep what you see to yourself.');
  const second = await createRelease(world.server, program.id);
  await world.server.prisma.release.update({
    where: { id: second.id },
    data: { testStart: new Date(Date.now() - hour), testEnd: new Date(Date.now() + 48 * hour) },
  });
  later = { id: second.id, programId: program.id };
  const other = await createProgram(world.server);
  const otherRelease = await createRelease(world.server, other.id);
  mvps.ana = await mvpIn('ana-checks', release, later);
  mvps.ben = await mvpIn('ben-checks', release, later);
  mvps.cleo = await mvpIn('cleo-checks', release, later);
  mvps.dora = await mvpIn('dora-checks', release);
  mvps.dev = await mvpIn('dev-checks', { id: otherRelease.id, programId: other.id });
  lead = (await signedInClient(world.server, 'admin')).client;
  engineerClient = (await signedInClient(world.server, 'engineer', { programs: [program.id] })).client;
  tester = (await signedInClient(world.server, 'internal_tester', { programs: [program.id] })).client;

  const env = parseEnv({
    GITHUB_API_URL: world.emulator.url,
    GITHUB_TOKEN: world.emulator.token,
    GITHUB_TIME_SCALE: '20',
    PUBLIC_URL: publicUrl,
  });
  worker = startSyncWorker({
    prisma: world.server.prisma,
    env,
    logger: createLogger('silent'),
    github: createGithubClient(env.github) as GithubClient,
    intervalMs: 50,
  });
});
afterAll(async () => {
  await worker?.stop();
  await world?.stop();
});

const read = (client: TestClient, id: string) => client.api.api.reports[':id'].verification.$get({ param: { id } });
const answer = (client: TestClient, id: string, json: AnswerVerificationBody) =>
  client.api.api.reports[':id'].verification.$post({ param: { id }, json });

async function upload(client: TestClient, text: string, fileName: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), fileName);
  const response = await client.request('/api/attachments', { method: 'POST', body: form });
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status: 201 });
  return body as Attachment;
}

/** Ana's report on GitHub, with Ben's "me too". */
async function reportWithCoFinder(title: string, on: { id: string } = release) {
  const made = await createLinkedReport(world, {
    programId: program.id,
    releaseId: on.id,
    reporterId: mvps.ana.id,
    title,
  });
  await settle(world);
  await bodyOf(
    await mvps.ben.client.api.api.reports[':id']['me-too'].$post({
      param: { id: made.reportId },
      json: { note: 'Happens on my laptop too' },
    }),
    201,
  );
  return made;
}

async function closeAsCompleted(issueNumber: number, labels: string[] = ['fieldtest']) {
  await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels, state: 'closed' });
  await settle(world);
}

async function issue(issueNumber: number) {
  const found = (await gh().issues(programRepo)).find((candidate) => candidate.number === issueNumber);
  expect(found).toBeDefined();
  return {
    state: found!.state,
    labels: found!.labels.map((label) => (typeof label === 'string' ? label : label.name)),
  };
}

/** Waits until the report's outbound jobs are all done (comments posted, labels set, reopened). */
async function outboundDone(reportId: string) {
  await until(
    () =>
      world.server.prisma.syncJob.findMany({
        where: { reportId, kind: { in: ['post_comment', 'update_issue'] } },
        select: { status: true },
      }),
    (jobs) => jobs.length > 0 && jobs.every((job) => job.status === 'done'),
  );
  await settle(world);
}

const day = 24 * hour;
// The reminder loop runs every minute in the server; here its operation runs at chosen moments.
const remindAt = (offsetMs: number) =>
  queueVerificationReminders({
    prisma: world.server.prisma,
    settings: { publicUrl, smtpConfigured: false },
    now: new Date(Date.now() + offsetMs),
  });
const reminders = async (mvp: Mvp, title: string) =>
  (await messagesTo(world.server, mvp.email)).filter(
    (message) => message.kind === 'report-verification' && message.subject.includes(title),
  );

describe('asking', () => {
  it('closing as completed asks the reporter and the co-finder about the build a "fixed in" label names', async () => {
    const { reportId, issueNumber } = await reportWithCoFinder('Export drops the last page');
    await closeAsCompleted(issueNumber, ['fieldtest', 'fixed in: 3.9-rc2']);
    const asked = await world.server.prisma.verification.findMany({
      where: { reportId },
      select: { userId: true, role: true, build: true, status: true, round: true },
      orderBy: { role: 'desc' },
    });
    expect(asked).toEqual([
      { userId: mvps.ana.id, role: 'reporter', build: '3.9-rc2', status: 'pending', round: 1 },
      { userId: mvps.ben.id, role: 'co-finder', build: '3.9-rc2', status: 'pending', round: 1 },
    ]);
    const anaView = await bodyOf(await read(mvps.ana.client, reportId), 200);
    expect(anaView).toMatchObject({
      canAnswer: true,
      team: null,
      verification: { role: 'reporter', build: '3.9-rc2', status: 'pending', answeredAt: null },
    });
    const benView = await bodyOf(await read(mvps.ben.client, reportId), 200);
    expect(benView.verification).toMatchObject({ role: 'co-finder', status: 'pending' });
    expect(benView.verification!.id).not.toBe(anaView.verification!.id);
    // The report's timeline tells each of them they were asked, in a customer's words.
    const timeline = await bodyOf(await mvps.ben.client.api.api.reports[':id'].$get({ param: { id: reportId } }), 200);
    expect(timeline.timeline.find((entry) => entry.kind === 'verification_requested')?.data).toEqual({
      build: '3.9-rc2',
      round: 1,
    });
  });

  it("another MVP of the release and one of another program can neither read nor answer someone's request", async () => {
    const { reportId, issueNumber } = await reportWithCoFinder('Undo forgets the first step');
    await closeAsCompleted(issueNumber);
    for (const stranger of [mvps.cleo, mvps.dev]) {
      const seen = await read(stranger.client, reportId);
      expect(seen.status).toBe(404);
      expect(JSON.stringify(await readProblem(seen))).not.toContain(mvps.ana.id);
      const answered = await answer(stranger.client, reportId, { result: 'still_broken', note: 'Not mine' });
      expect(answered.status).toBe(404);
    }
    const stillWaiting = await world.server.prisma.verification.count({ where: { reportId, status: 'pending' } });
    expect(stillWaiting).toBe(2);
    // Staff read their own (none) and the round's counts, never anyone's answer.
    const staffView = await bodyOf(await read(lead, reportId), 200);
    expect(staffView).toMatchObject({
      verification: null,
      canAnswer: false,
      team: { round: 1, requests: 2, pending: 2, fixed: 0, stillBroken: 0, canSetFixedIn: true },
    });
  });
});

describe('answers', () => {
  it('are refused field by field when malformed, or carrying a file that is not the answerer’s', async () => {
    const { reportId, issueNumber } = await reportWithCoFinder('Tabs close on their own');
    await closeAsCompleted(issueNumber);
    const bad = await mvps.ana.client.json('POST', `/api/reports/${reportId}/verification`, {
      result: 'maybe',
      environment: { os: 'x'.repeat(201) },
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).errors?.map((error) => error.field).sort()).toEqual([
      'colour',
      'environment.os',
      'result',
    ]);
    const bensFile = await upload(mvps.ben.client, 'ben only\n', 'ben.log');
    const foreign = await answer(mvps.ana.client, reportId, { result: 'still_broken', attachmentIds: [bensFile.id] });
    expect(foreign.status).toBe(400);
    expect((await readProblem(foreign)).errors).toEqual([
      { field: 'attachmentIds.0', message: 'No such file of yours' },
    ]);
    // Nothing of the refused answer stays: the request still waits, and nothing was queued.
    expect(await bodyOf(await read(mvps.ana.client, reportId), 200)).toMatchObject({ canAnswer: true });
    expect(await world.server.prisma.syncJob.count({ where: { reportId, kind: { not: 'create_issue' } } })).toBe(0);
  });
});

describe('still broken', () => {
  it('posts exactly one comment with the file link and reopens the issue; a repeated answer posts nothing more', async () => {
    await world.server.prisma.program.update({ where: { id: program.id }, data: { stillBrokenAction: 'reopen' } });
    const { reportId, issueNumber } = await reportWithCoFinder('Printing a selection prints everything');
    await closeAsCompleted(issueNumber);
    const log = await upload(mvps.ana.client, 'print job 42 failed again\n', 'print.log');
    const json: AnswerVerificationBody = {
      result: 'still_broken',
      note: 'Still prints all **12 pages** with a selection of two.',
      environment: { os: 'Windows 11', build: '3.1' },
      attachmentIds: [log.id],
    };
    const answered = await bodyOf(await answer(mvps.ana.client, reportId, json), 200);
    expect(answered).toMatchObject({
      canAnswer: false,
      verification: {
        status: 'still_broken',
        note: json.note,
        environment: { os: 'Windows 11', build: '3.1' },
        attachments: [{ id: log.id, fileName: 'print.log' }],
      },
    });
    const again = await answer(mvps.ana.client, reportId, json);
    expect(again.status).toBe(409);
    expect((await readProblem(again)).detail).toMatch(/already answered/);

    await outboundDone(reportId);
    const comments = (await gh().comments(programRepo, issueNumber)).filter((one) => one.body?.includes('Fieldtest'));
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body!;
    expect(body).toMatch(/^\*\*ana-checks\*\*, who reported this bug, says the fix does not work for them/);
    expect(body).toContain('Still prints all **12 pages** with a selection of two.');
    expect(body).toContain('- OS: Windows 11');
    expect(body).toContain(`${publicUrl}/api/attachments/${log.id}`);
    const stored = await world.server.prisma.verification.findFirstOrThrow({
      where: { reportId, userId: mvps.ana.id },
      select: { commentId: true },
    });
    expect(body).toContain(commentMarker(stored.commentId!));
    expect(await issue(issueNumber)).toMatchObject({ state: 'open' });

    // Reopened: Ben's request no longer stands, and the one comment stays one.
    const late = await answer(mvps.ben.client, reportId, { result: 'fixed' });
    expect(late.status).toBe(409);
    expect((await readProblem(late)).detail).toMatch(/expired/);
    expect(await bodyOf(await read(mvps.ben.client, reportId), 200)).toMatchObject({
      canAnswer: false,
      verification: { status: 'expired' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      (await gh().comments(programRepo, issueNumber)).filter((one) => one.body?.includes('Fieldtest')),
    ).toHaveLength(1);
  });

  it('labels the issue when the program says so, from a co-finder whose answer only they and staff read', async () => {
    await world.server.prisma.program.update({ where: { id: program.id }, data: { stillBrokenAction: 'label' } });
    const { reportId, issueNumber } = await reportWithCoFinder('Dark mode resets after sleep');
    await closeAsCompleted(issueNumber);
    const note = 'Ben: after sleep it is light again, every time';
    await bodyOf(await answer(mvps.ben.client, reportId, { result: 'still_broken', note }), 200);
    await outboundDone(reportId);
    const closed = await issue(issueNumber);
    expect(closed.state).toBe('closed');
    expect(closed.labels).toContain('fieldtest: still-broken');
    const comments = (await gh().comments(programRepo, issueNumber)).filter((one) => one.body?.includes('Fieldtest'));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^\*\*ben-checks\*\*, who found this bug too, says the fix does not work/);

    // Ana, the reporter, reads that someone found it still broken, not who or what they wrote.
    const anaPage = await bodyOf(await mvps.ana.client.api.api.reports[':id'].$get({ param: { id: reportId } }), 200);
    expect(JSON.stringify(anaPage)).not.toContain(note);
    expect(JSON.stringify(anaPage)).not.toContain('ben-checks');
    expect(anaPage.timeline.find((entry) => entry.kind === 'verification_summary')?.data).toEqual({
      round: 1,
      fixed: 0,
      stillBroken: 1,
    });
    // Ben reads his own answer on his timeline; Ana can still answer hers.
    const benPage = await bodyOf(await mvps.ben.client.api.api.reports[':id'].$get({ param: { id: reportId } }), 200);
    expect(benPage.timeline.find((entry) => entry.kind === 'verification_answered')?.data).toEqual({
      result: 'still_broken',
      build: expect.any(String),
      round: 1,
      mine: true,
    });
    expect(JSON.stringify(benPage.timeline)).toContain(note);
    expect((await bodyOf(await read(mvps.ana.client, reportId), 200)).canAnswer).toBe(true);
  });

  it("a duplicate's finder answers from their own report; the comment reaches the issue, never the reporter", async () => {
    const { reportId, issueNumber } = await reportWithCoFinder('Search misses words with accents');
    const duplicate = await createLinkedReport(world, {
      programId: program.id,
      releaseId: release.id,
      reporterId: mvps.dora.id,
      title: 'Searching "café" finds nothing',
    });
    await settle(world);
    await gh().comment(programRepo, duplicate.issueNumber, { login: engineer, body: `Duplicate of #${issueNumber}` });
    await gh().updateIssue(programRepo, duplicate.issueNumber, {
      login: engineer,
      state: 'closed',
      state_reason: 'duplicate',
    });
    await settle(world);
    await closeAsCompleted(issueNumber);
    // Dora cannot open the fixed report, but her own report carries the request.
    expect((await read(mvps.dora.client, reportId)).status).toBe(404);
    const doraView = await bodyOf(await read(mvps.dora.client, duplicate.reportId), 200);
    expect(doraView).toMatchObject({ canAnswer: true, verification: { role: 'duplicate', status: 'pending' } });
    const note = 'Dora: "naïve" still finds nothing';
    await bodyOf(await answer(mvps.dora.client, duplicate.reportId, { result: 'still_broken', note }), 200);
    await outboundDone(reportId);
    const comments = (await gh().comments(programRepo, issueNumber)).filter((one) => one.body?.includes('Fieldtest'));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^\*\*dora-checks\*\*, who reported a duplicate of this bug/);
    for (const client of [mvps.ana.client, mvps.ben.client]) {
      const page = await bodyOf(await client.api.api.reports[':id'].$get({ param: { id: reportId } }), 200);
      expect(JSON.stringify(page)).not.toContain(note);
      expect(JSON.stringify(page)).not.toContain('dora-checks');
    }
  });
});

describe('fixed for me', () => {
  it('labels the issue verified once, however many say it', async () => {
    const { reportId, issueNumber } = await reportWithCoFinder('Zoom jumps to 400%');
    await closeAsCompleted(issueNumber);
    // The same answer sent twice at once (a double click, a retry) counts once.
    const twice = await Promise.all([1, 2].map(() => answer(mvps.ana.client, reportId, { result: 'fixed' })));
    expect(twice.map((response) => response.status).sort()).toEqual([200, 409]);
    await bodyOf(await answer(mvps.ben.client, reportId, { result: 'fixed', note: 'Works now' }), 200);
    await outboundDone(reportId);
    const jobs = await world.server.prisma.syncJob.findMany({
      where: { reportId, kind: 'update_issue' },
      select: { key: true, payload: true },
    });
    expect(jobs).toEqual([
      { key: `update_issue:verified:${reportId}:1`, payload: { addLabels: ['fieldtest: verified'], removeLabels: [] } },
    ]);
    expect(await issue(issueNumber)).toMatchObject({ state: 'closed', labels: ['fieldtest', 'fieldtest: verified'] });
    expect(await gh().comments(programRepo, issueNumber)).toHaveLength(0);
  });
});

describe('the fix build', () => {
  it('engineering names it, and waiting requests ask about it; testers and customers may not', async () => {
    const { reportId, issueNumber } = await reportWithCoFinder('Fonts blur at 125%');
    await closeAsCompleted(issueNumber);
    for (const client of [tester, mvps.ana.client]) {
      const refused = await client.api.api.reports[':id']['fixed-in'].$put({
        param: { id: reportId },
        json: { build: '9.9' },
      });
      expect(refused.status).toBe(403);
    }
    const set = await engineerClient.api.api.reports[':id']['fixed-in'].$put({
      param: { id: reportId },
      json: { build: ' 3.2-hotfix ' },
    });
    expect(await bodyOf(set, 200)).toEqual({ fixedInBuild: '3.2-hotfix', build: '3.2-hotfix', updatedRequests: 2 });
    expect((await bodyOf(await read(mvps.ana.client, reportId), 200)).verification?.build).toBe('3.2-hotfix');
    const bad = await engineerClient.json('PUT', `/api/reports/${reportId}/fixed-in`, { build: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).errors?.map((error) => error.field).sort()).toEqual(['build', 'extra']);
  });
});

describe('reminders', () => {
  it("go once, the program's number of days on, to finders who have not answered and want them", async () => {
    const title = 'Zoom resets on every tab switch';
    const { reportId, issueNumber } = await reportWithCoFinder(title);
    await bodyOf(
      await mvps.cleo.client.api.api.reports[':id']['me-too'].$post({ param: { id: reportId }, json: { note: '' } }),
      201,
    );
    await bodyOf(
      await mvps.cleo.client.json('PUT', '/api/me/notice-preferences', { preferences: { verification: 'off' } }),
      200,
    );
    await closeAsCompleted(issueNumber, ['fieldtest', 'fixed in: 4.1-rc1']);
    await bodyOf(await answer(mvps.ben.client, reportId, { result: 'fixed' }), 200);

    await remindAt(2 * day);
    expect(await reminders(mvps.ana, title)).toEqual([]);
    await remindAt(3 * day + hour);
    const [reminder, ...more] = await reminders(mvps.ana, title);
    expect(more).toEqual([]);
    expect(reminder?.subject).toBe(`Is it fixed for you? ${title}`);
    expect(reminder?.text).toContain('build 4.1-rc1');
    expect(reminder?.text).toContain(`${publicUrl}/reports/${reportId}`);
    expect(reminder?.text).not.toMatch(new RegExp(`#${issueNumber}\\b|github`, 'i'));
    // Ben answered; Cleo turned these notices off, and her request counts as reminded all the same.
    expect(await reminders(mvps.ben, title)).toEqual([]);
    expect(await reminders(mvps.cleo, title)).toEqual([]);
    const marked = await world.server.prisma.verification.findMany({
      where: { reportId },
      select: { userId: true, remindedAt: true },
    });
    expect(
      Object.fromEntries(marked.map((verification) => [verification.userId, verification.remindedAt !== null])),
    ).toEqual({ [mvps.ana.id]: true, [mvps.ben.id]: false, [mvps.cleo.id]: true });

    // Once: later runs, and two processes running at the same moment, send nothing more.
    await Promise.all([remindAt(5 * day), remindAt(5 * day)]);
    expect(await reminders(mvps.ana, title)).toHaveLength(1);
  });

  it('follow the days the lead sets, and none go when the lead sets 0', async () => {
    const refused = await lead.json('PATCH', `/api/programs/${program.id}`, { verificationReminderDays: -1 });
    expect(refused.status).toBe(400);
    expect((await readProblem(refused)).errors?.map((error) => error.field)).toEqual(['verificationReminderDays']);
    const patch = (days: number) =>
      lead.api.api.programs[':id'].$patch({ param: { id: program.id }, json: { verificationReminderDays: days } });
    expect((await bodyOf(await patch(10), 200)).verificationReminderDays).toBe(10);

    const title = 'Dark mode forgets the sidebar';
    const { issueNumber } = await reportWithCoFinder(title);
    await closeAsCompleted(issueNumber);
    await remindAt(4 * day);
    expect(await reminders(mvps.ana, title)).toEqual([]);
    await bodyOf(await patch(0), 200);
    await remindAt(30 * day);
    expect(await reminders(mvps.ana, title)).toEqual([]);
    await bodyOf(await patch(10), 200);
    await remindAt(11 * day);
    expect(await reminders(mvps.ana, title)).toHaveLength(1);
    expect(await reminders(mvps.ben, title)).toHaveLength(1);
    await bodyOf(await patch(3), 200);
  });
});

describe('expiry', () => {
  it('shipping the release expires waiting requests, which can no longer be answered', async () => {
    const { reportId, issueNumber } = await reportWithCoFinder('Sync icon spins forever', later);
    await closeAsCompleted(issueNumber);
    expect((await bodyOf(await read(mvps.ana.client, reportId), 200)).canAnswer).toBe(true);
    await bodyOf(
      await lead.api.api.releases[':id'].$patch({ param: { id: later.id }, json: { status: 'shipped' } }),
      200,
    );
    const statuses = await world.server.prisma.verification.findMany({ where: { reportId }, select: { status: true } });
    expect(statuses).toEqual([{ status: 'expired' }, { status: 'expired' }]);
    await remindAt(30 * day);
    expect(await reminders(mvps.ana, 'Sync icon spins forever')).toEqual([]);
    expect(await bodyOf(await read(mvps.ana.client, reportId), 200)).toMatchObject({
      canAnswer: false,
      verification: { status: 'expired' },
    });
    const refused = await answer(mvps.ana.client, reportId, { result: 'fixed' });
    expect(refused.status).toBe(409);
    expect((await readProblem(refused)).detail).toMatch(/expired/);
  });
});

describe('the dashboard figures', () => {
  it('are exact on a small constructed case, per release and by source', async () => {
    const prisma = world.server.prisma;
    const owner = await createProgram(world.server);
    const [first, second] = [await createRelease(world.server, owner.id), await createRelease(world.server, owner.id)];
    const customerA = await world.server.createUser('mvp');
    const customerB = await world.server.createUser('mvp');
    const insider = await world.server.createUser('internal_tester');
    const report = (releaseId: string, title: string) =>
      prisma.report.create({
        data: {
          programId: owner.id,
          releaseId,
          reporterId: customerA.id,
          source: 'customer',
          title,
          steps: 's',
          expected: 'e',
          actual: 'a',
          environment: {},
          status: 'fixed',
        },
        select: { id: true },
      });
    const r1 = await report(first.id, 'One');
    const r2 = await report(first.id, 'Two');
    const r3 = await report(second.id, 'Three');
    const at = (hours: number) => new Date(Date.UTC(2026, 2, 10) + hours * hour);
    const ask = (
      reportId: string,
      userId: string,
      source: 'customer' | 'internal',
      status: 'pending' | 'fixed' | 'still_broken' | 'expired',
      hoursToAnswer: number | null,
    ) =>
      prisma.verification.create({
        data: {
          reportId,
          userId,
          round: 1,
          role: 'reporter',
          source,
          build: '1',
          status,
          requestedAt: at(0),
          answeredAt: hoursToAnswer === null ? null : at(hoursToAnswer),
        },
      });
    // Release one: r1 fixed for A (2 h), still broken for B (4 h), fixed for the insider (10 h);
    // r2 still broken for the insider (1 h), expired for A. Release two: r3 waits for B.
    await ask(r1.id, customerA.id, 'customer', 'fixed', 2);
    await ask(r1.id, customerB.id, 'customer', 'still_broken', 4);
    await ask(r1.id, insider.id, 'internal', 'fixed', 10);
    await ask(r2.id, insider.id, 'internal', 'still_broken', 1);
    await ask(r2.id, customerA.id, 'customer', 'expired', null);
    await ask(r3.id, customerB.id, 'customer', 'pending', null);

    const stats = await bodyOf(
      await lead.api.api.programs[':id']['verification-stats'].$get({ param: { id: owner.id } }),
      200,
    );
    expect(stats.total).toEqual({
      all: {
        requests: 6,
        answered: 4,
        pending: 1,
        expired: 1,
        rate: 4 / 6,
        medianHoursToVerify: 3,
        fixedForMe: 2,
        stillBroken: 2,
      },
      customer: {
        requests: 4,
        answered: 2,
        pending: 1,
        expired: 1,
        rate: 0.5,
        medianHoursToVerify: 3,
        fixedForMe: 1,
        stillBroken: 1,
      },
      internal: {
        requests: 2,
        answered: 2,
        pending: 0,
        expired: 0,
        rate: 1,
        medianHoursToVerify: 5.5,
        fixedForMe: 1,
        stillBroken: 1,
      },
      fixes: 3,
      failedFixes: 2,
      caughtByCustomers: 1,
    });
    expect(stats.releases.map((entry) => entry.releaseId)).toEqual([first.id, second.id]);
    expect(stats.releases[0]).toMatchObject({ fixes: 2, failedFixes: 2, caughtByCustomers: 1, all: { requests: 5 } });
    expect(stats.releases[1]).toMatchObject({
      fixes: 1,
      failedFixes: 0,
      all: { requests: 1, answered: 0, rate: 0, medianHoursToVerify: null },
    });
    expect(stats.definitions.map((definition) => definition.term)).toContain('Verification rate');

    expect(
      (await mvps.ana.client.api.api.programs[':id']['verification-stats'].$get({ param: { id: owner.id } })).status,
    ).toBe(403);
    expect(
      (
        await lead.api.api.programs[':id']['verification-stats'].$get({
          param: { id: '00000000-0000-7000-8000-000000000000' },
        })
      ).status,
    ).toBe(404);
  });
});
