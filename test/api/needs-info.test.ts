import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../api/attachments/attachments.schemas.ts';
import { parseEnv } from '../../api/env.ts';
import { createGithubClient, type GithubClient } from '../../api/github-sync/client/github-client.ts';
import { startSyncWorker } from '../../api/github-sync/outbound/start-sync-worker.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { mvpActiveIn } from '../support/enrolment-fixtures.ts';
import {
  createLinkedReport,
  createProgramWithRelease,
  expectOne,
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

// The reporter's side after filing: engineering asks for information on GitHub, the finders see
// the question and answer it with files, the answer reaches the issue once and takes the label
// off; files added later reach GitHub as links; a duplicate follows its canonical's fate.

let world: InboundWorld;
let worker: { stop: () => Promise<void> };
const engineer = 'eng-needs-info';

beforeAll(async () => {
  world = await startInboundWorld({ env: { PUBLIC_URL: 'https://fieldtest.example' } });
  await world.emulator.control.setAssociation(programRepo, engineer, 'COLLABORATOR');
  const env = parseEnv({
    GITHUB_API_URL: world.emulator.url,
    GITHUB_TOKEN: world.emulator.token,
    GITHUB_TIME_SCALE: '1000',
    PUBLIC_URL: 'https://fieldtest.example',
  });
  worker = startSyncWorker({
    prisma: world.server.prisma,
    env,
    logger: createLogger('silent'),
    github: createGithubClient(env.github) as GithubClient,
  });
});
afterAll(async () => {
  await worker?.stop();
  await world?.stop();
});

const gh = () => world.emulator.control;

/** An engineer who works on the report's program. */
async function engineerOn(reportId: string): Promise<TestClient> {
  const { programId } = await world.server.prisma.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { programId: true },
  });
  return (await signedInClient(world.server, 'engineer', { programs: [programId] })).client;
}

/** A program and release, two MVPs active in it (the reporter and a co-finder) and one elsewhere. */
async function scene(options: { clear?: boolean } = {}) {
  const { program, release } = await createProgramWithRelease(world.server);
  if (options.clear === false)
    await world.server.prisma.program.update({ where: { id: program.id }, data: { clearNeedsInfoOnAnswer: false } });
  await world.server.prisma.programTerms.create({
    data: { programId: program.id, version: 1, text: 'Keep it confidential.', textHash: 'x'.repeat(64) },
  });
  const at = { id: release.id, programId: program.id };
  const reporter = await mvpActiveIn(world.server, at);
  const coFinder = await mvpActiveIn(world.server, at);
  const stranger = await mvpActiveIn(world.server, at);
  const made = await createLinkedReport(world, {
    programId: program.id,
    releaseId: release.id,
    reporterId: reporter.user.id,
    title: `Export drops the last row ${release.id.slice(-6)}`,
  });
  await settle(world);
  await bodyOf(
    await coFinder.client.api.api.reports[':id']['me-too'].$post({
      param: { id: made.reportId },
      json: { note: 'Same here on Windows' },
    }),
    201,
  );
  return { programId: program.id, release, reporter, coFinder, stranger, ...made };
}

/** Asserts an error answer's status and returns its problem+json body. */
async function expectProblem(
  response: Response | { status: number; headers: Headers; json: () => Promise<unknown> },
  status: number,
) {
  expect(response.status).toBe(status);
  return readProblem(response);
}

async function upload(client: TestClient, text: string, fileName: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), fileName);
  const response = await client.request('/api/attachments', { method: 'POST', body: form });
  expect(response.status).toBe(201);
  return (await response.json()) as Attachment;
}

const read = (client: TestClient, id: string) => client.api.api.reports[':id'].$get({ param: { id } });
const comment = (
  client: TestClient,
  id: string,
  json: { body?: string; attachmentIds?: string[]; visibility?: 'public' | 'team' },
) => client.api.api.reports[':id'].comments.$post({ param: { id }, json });

async function askForInformation(issueNumber: number, question: string) {
  await gh().comment(programRepo, issueNumber, { login: engineer, body: question });
  await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['fieldtest', 'needs info', 'P2'] });
  await settle(world);
}

const issueOf = async (number: number) =>
  (await gh().issues(programRepo)).find((issue) => issue.number === number) ?? null;
const labelsOf = async (number: number) =>
  ((await issueOf(number))?.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name));

describe('needs info', () => {
  it('shows the question to the reporter and co-finder as engineering’s, and tells both by e-mail', async () => {
    const { reportId, issueNumber, reporter, coFinder } = await scene();
    await askForInformation(issueNumber, 'Which **file format** did you export to?');

    for (const finder of [reporter, coFinder]) {
      const page = await bodyOf(await read(finder.client, reportId), 200);
      expect(page.status).toBe('needs_info');
      expect(page.priority).toBe('P2');
      expect(page.needsInfo).toMatchObject({
        question: { author: 'Engineering', body: 'Which **file format** did you export to?' },
        answeredAt: null,
      });
      expect(JSON.stringify(page)).not.toContain(engineer);
      const mail = await messagesTo(world.server, finder.user.email);
      const notice = expectOne(mail, (message) => message.kind === 'report-needs-info');
      expect(notice.text).toContain('file format');
    }
    const staff = await engineerOn(reportId);
    const staffView = await bodyOf(await read(staff, reportId), 200);
    expect(staffView.needsInfo?.question?.author).toBe(engineer);
  });

  it('an answer with a file reaches the issue once, with a link to the file, and takes the label off', async () => {
    const { reportId, issueNumber, reporter } = await scene();
    await askForInformation(issueNumber, 'Can you attach the export log?');
    const log = await upload(reporter.client, 'export: row 812 skipped', 'export.log');

    const answer = await bodyOf(
      await comment(reporter.client, reportId, { body: 'Here is the log, CSV format.', attachmentIds: [log.id] }),
      201,
    );
    expect(answer).toMatchObject({ purpose: 'answer', attachments: [{ id: log.id, fileName: 'export.log' }] });

    const posted = await until(
      () => gh().comments(programRepo, issueNumber),
      (comments) => comments.some((found) => found.body?.includes('Here is the log')),
    );
    const twin = expectOne(posted, (found) => Boolean(found.body?.includes('Here is the log')));
    expect(twin.body).toContain("answered engineering's question");
    expect(twin.body).toContain(`[export.log](https://fieldtest.example/api/attachments/${log.id})`);
    expect(twin.body).not.toContain('row 812');

    await until(
      () => labelsOf(issueNumber),
      (labels) => !labels.includes('needs info'),
    );
    expect(await labelsOf(issueNumber)).toEqual(expect.arrayContaining(['fieldtest', 'P2']));
    await settle(world);
    const page = await bodyOf(await read(reporter.client, reportId), 200);
    expect(page).toMatchObject({ status: 'triaged', priority: 'P2', needsInfo: null });
    const entry = page.timeline.find((item) => item.id === answer.id);
    expect(entry?.data).toMatchObject({ purpose: 'answer', files: [{ id: log.id }] });
    // Exactly once: the sync settles with one comment and no job left behind.
    await until(
      () => world.server.prisma.syncJob.count({ where: { reportId, status: { in: ['pending', 'running'] } } }),
      (open) => open === 0,
    );
    expect(
      (await gh().comments(programRepo, issueNumber)).filter((c) => c.body?.includes('Here is the log')),
    ).toHaveLength(1);
  });

  it('puts a question asked within the second of filing after the filing, though GitHub’s times are whole seconds', async () => {
    const { reportId, issueNumber, reporter } = await scene();
    // Filed late in a second: GitHub's whole-second time for a comment written just after is earlier.
    const filedAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 1999);
    await world.server.prisma.report.update({ where: { id: reportId }, data: { createdAt: filedAt } });
    await askForInformation(issueNumber, 'Which printer?');
    const page = await bodyOf(await read(reporter.client, reportId), 200);
    const question = page.timeline.find((entry) => entry.kind === 'comment' && entry.text === 'Which printer?');
    expect(question?.at).toBe(filedAt.toISOString());
    expect(page.needsInfo?.question?.at).toBe(filedAt.toISOString());
  });

  it('keeps the label when the program leaves it to engineering, and the banner says the answer was sent', async () => {
    const { reportId, issueNumber, reporter } = await scene({ clear: false });
    await askForInformation(issueNumber, 'Which version of the driver?');
    await bodyOf(await comment(reporter.client, reportId, { body: 'Driver 5.1.2' }), 201);
    await until(
      () => gh().comments(programRepo, issueNumber),
      (comments) => comments.some((found) => found.body?.includes('Driver 5.1.2')),
    );
    await until(
      () => world.server.prisma.syncJob.count({ where: { reportId, status: { in: ['pending', 'running'] } } }),
      (open) => open === 0,
    );
    expect(await labelsOf(issueNumber)).toContain('needs info');
    const page = await bodyOf(await read(reporter.client, reportId), 200);
    expect(page.status).toBe('needs_info');
    expect(page.needsInfo?.answeredAt).not.toBeNull();
  });

  it('a co-finder answers on their own entry: the reporter never reads it, and another MVP cannot answer at all', async () => {
    const { reportId, issueNumber, reporter, coFinder, stranger } = await scene();
    await askForInformation(issueNumber, 'Does it happen with small files?');
    const answer = await bodyOf(await comment(coFinder.client, reportId, { body: 'Only above 10 MB for me' }), 201);
    expect(answer.purpose).toBe('answer');
    expect(answer.coFinderEntryId).not.toBeNull();
    const reporterView = await bodyOf(await read(reporter.client, reportId), 200);
    expect(JSON.stringify(reporterView)).not.toContain('Only above 10 MB');
    expect(reporterView.needsInfo?.answeredAt).toBeNull();
    expect((await bodyOf(await read(coFinder.client, reportId), 200)).needsInfo?.answeredAt).not.toBeNull();
    await expectProblem(await comment(stranger.client, reportId, { body: 'me neither' }), 404);
    await expectProblem(await read(stranger.client, reportId), 404);
  });
});

describe('files after filing', () => {
  it('the reporter adds a file without words; GitHub gets a link, not the file', async () => {
    const { reportId, issueNumber, reporter } = await scene();
    const shot = await upload(reporter.client, 'second capture', 'capture-2.txt');
    const added = await bodyOf(await comment(reporter.client, reportId, { attachmentIds: [shot.id] }), 201);
    expect(added).toMatchObject({ body: '', purpose: 'comment' });
    const page = await bodyOf(await read(reporter.client, reportId), 200);
    if (page.view !== 'full') throw new Error('the reporter reads the full report');
    expect(page.attachments.map((file) => file.id)).toContain(shot.id);
    const posted = await until(
      () => gh().comments(programRepo, issueNumber),
      (comments) => comments.some((found) => found.body?.includes(shot.id)),
    );
    expect(expectOne(posted, (found) => Boolean(found.body?.includes(shot.id))).body).toContain('capture-2.txt');
  });

  it('refuses an empty comment, a team note with files, someone else’s file, and a file used twice', async () => {
    const { reportId, reporter, coFinder } = await scene();
    const staff = await engineerOn(reportId);
    expect((await expectProblem(await comment(reporter.client, reportId, { body: '  ' }), 400)).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'body' })]),
    );
    const staffFile = await upload(staff, 'internal', 'internal.txt');
    const teamFiles = await expectProblem(
      await comment(staff, reportId, { body: 'see log', visibility: 'team', attachmentIds: [staffFile.id] }),
      400,
    );
    expect(teamFiles.errors?.map((error) => error.field)).toContain('attachmentIds');
    const theirs = await upload(coFinder.client, 'theirs', 'theirs.txt');
    const stolen = await expectProblem(
      await comment(reporter.client, reportId, { body: 'look', attachmentIds: [theirs.id] }),
      400,
    );
    expect(stolen.errors?.map((error) => error.field)).toContain('attachmentIds.0');
    const mine = await upload(reporter.client, 'once', 'once.txt');
    await bodyOf(await comment(reporter.client, reportId, { attachmentIds: [mine.id] }), 201);
    await expectProblem(await comment(reporter.client, reportId, { attachmentIds: [mine.id] }), 400);
    const nul = await expectProblem(await comment(reporter.client, reportId, { body: 'a\u0000b' }), 400);
    expect(nul.errors?.map((error) => error.field)).toContain('body');
  });
});

describe('duplicates', () => {
  it('a duplicate shows its canonical’s public summary, follows its status, and its finders hear of the fix', async () => {
    const first = await scene();
    const second = await scene();
    await world.server.prisma.report.update({
      where: { id: first.reportId },
      data: { actual: 'The canonical reporter’s own words' },
    });
    // The duplicate: another program's scene would be another repository; both live in acme/desktop.
    await gh().comment(programRepo, second.issueNumber, {
      login: engineer,
      body: `Duplicate of #${first.issueNumber}`,
    });
    await gh().updateIssue(programRepo, second.issueNumber, {
      login: engineer,
      state: 'closed',
      state_reason: 'duplicate',
    });
    await settle(world);
    const view = await bodyOf(await read(second.reporter.client, second.reportId), 200);
    expect(view.status).toBe('duplicate');
    expect(view.duplicateOf).toMatchObject({ id: null, status: 'synced', fixed: false });
    expect(view.duplicateOf?.title).toContain('Export drops the last row');
    // Never the canonical's text, nor who filed it.
    expect(JSON.stringify(view)).not.toContain('canonical reporter’s own words');
    expect(JSON.stringify(view)).not.toContain(first.reporter.user.email);
    expect(JSON.stringify(view)).not.toContain(first.reportId);
    expect((await messagesTo(world.server, second.reporter.user.email)).map((message) => message.kind)).toContain(
      'report-duplicate',
    );

    await gh().updateIssue(programRepo, first.issueNumber, { login: engineer, labels: ['fieldtest', 'P1'] });
    await settle(world);
    expect((await bodyOf(await read(second.reporter.client, second.reportId), 200)).duplicateOf).toMatchObject({
      status: 'triaged',
      priority: 'P1',
    });
    await gh().updateIssue(programRepo, first.issueNumber, { login: engineer, state: 'closed' });
    await settle(world);
    expect((await bodyOf(await read(second.reporter.client, second.reportId), 200)).duplicateOf).toMatchObject({
      status: 'fixed',
      fixed: true,
    });
    for (const finder of [second.reporter, second.coFinder]) {
      const fixed = expectOne(
        await messagesTo(world.server, finder.user.email),
        (message) => message.kind === 'report-fixed',
      );
      expect(fixed.text).toContain(`/reports/${second.reportId}`);
      expect(fixed.text).not.toContain(first.reportId);
    }
    const staff = await engineerOn(second.reportId);
    expect((await bodyOf(await read(staff, second.reportId), 200)).duplicateOf?.id).toBe(first.reportId);
  });
});
