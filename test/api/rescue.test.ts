import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncWorker } from '../../api/github-sync/outbound/start-sync-worker.ts';
import { createLogger } from '../../api/lib/logger.ts';
import { mvpActiveIn, publishTerms } from '../support/enrolment-fixtures.ts';
import {
  commentAndCloseAsDuplicate,
  createLinkedReport,
  createProgramWithRelease,
  type InboundWorld,
  programRepo,
  settle,
  startInboundWorld,
} from '../support/github-inbound-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { until } from '../support/sync-outbound-fixtures.ts';
import { signedInClient } from '../support/test-server.ts';

// The Rescue list: customers keep reproducing a bug engineering closed as not planned, and a
// program lead sends it back. Engineering acts in the GitHub emulator (signed webhooks reach the
// real server); the outbound sync runs in this process until its queue is empty.

let world: InboundWorld;
let lead: TestClient;
let engineerClient: TestClient;
let engineerId: string;
const engineer = 'eng-octo';
const gh = () => world.emulator.control;
const hour = 3_600_000;
const day = 24 * hour;

type Stage = { programId: string; release: { id: string; programId: string } };
type Customer = { user: { id: string; email: string; name: string }; client: TestClient; handle: string };

beforeAll(async () => {
  world = await startInboundWorld();
  await gh().setAssociation(programRepo, engineer, 'COLLABORATOR');
  lead = (await signedInClient(world.server, 'admin')).client;
  const signedIn = await signedInClient(world.server, 'engineer');
  engineerClient = signedIn.client;
  engineerId = signedIn.user.id;
});
afterAll(() => world?.stop());

/** A program of its own (on the shared repository) with a release in testing and terms to accept; the engineer works on it. */
async function stage(): Promise<Stage> {
  const made = await createProgramWithRelease(world.server);
  await world.server.addToPrograms(engineerId, [made.program.id]);
  await publishTerms(world.server, made.program.id, 'Keep what you see to yourself.');
  return { programId: made.program.id, release: { id: made.release.id, programId: made.program.id } };
}

/** An MVP active in the release, known to engineering by a handle of their choosing. */
async function customer(at: Stage, name: string): Promise<Customer> {
  const { user, client } = await mvpActiveIn(world.server, at.release);
  const handle = `${name}-${randomBytes(3).toString('hex')}`;
  await bodyOf(
    await client.api.api.me.profile.$put({
      json: { name: user.name, company: 'Customer Co', handle, platforms: [], devices: [] },
    }),
    200,
  );
  return { user, client, handle };
}

/** A customer's report on GitHub, closed by engineering as not planned. */
async function notPlanned(at: Stage, reporter: Customer, title: string) {
  const made = await createLinkedReport(world, {
    programId: at.programId,
    releaseId: at.release.id,
    reporterId: reporter.user.id,
    title,
  });
  await settle(world);
  await gh().updateIssue(programRepo, made.issueNumber, {
    login: engineer,
    state: 'closed',
    state_reason: 'not_planned',
  });
  await settle(world);
  const report = await world.server.prisma.report.findUniqueOrThrow({
    where: { id: made.reportId },
    select: { status: true },
  });
  expect(report.status).toBe('not_planned');
  return made;
}

async function meToo(who: Customer, reportId: string, note: string, environment: Record<string, string> = {}) {
  return bodyOf(
    await who.client.api.api.reports[':id']['me-too'].$post({ param: { id: reportId }, json: { note, environment } }),
    201,
  );
}

const rescueList = async (client: TestClient, programId: string) =>
  bodyOf(await client.api.api.programs[':id'].rescue.$get({ param: { id: programId } }), 200);
const candidateOf = async (programId: string, reportId: string) =>
  (await rescueList(lead, programId)).candidates.find((candidate) => candidate.canonicalId === reportId);
const sendBack = (client: TestClient, reportId: string) =>
  client.api.api.reports[':id'].rescue.$post({ param: { id: reportId } });

/** Runs the outbound sync until the report has no job left, then lets GitHub's webhooks come back. */
async function runSyncUntilIdle(reportId: string) {
  const worker = startSyncWorker({
    prisma: world.server.prisma,
    env: world.env,
    logger: createLogger('silent'),
    github: world.github,
  });
  try {
    await until(
      () => world.server.prisma.syncJob.findMany({ where: { reportId }, select: { key: true, status: true } }),
      (jobs) => jobs.every((job) => job.status === 'done'),
      30_000,
    );
  } finally {
    await worker.stop();
  }
  await settle(world);
}

const labelsOf = (issue: { labels: (string | { name?: string })[] }) =>
  issue.labels.map((label) => (typeof label === 'string' ? label : label.name));
const issueOf = async (issueNumber: number) =>
  (await gh().issues(programRepo)).find((issue) => issue.number === issueNumber)!;

describe('the Rescue list', () => {
  it('lists a not-planned report three customers said "me too" to, with the evidence by handle', async () => {
    const at = await stage();
    const [reporter, ana, ben, cleo] = await Promise.all(
      ['rita', 'ana', 'ben', 'cleo'].map((name) => customer(at, name)),
    );
    const { reportId } = await notPlanned(at, reporter!, 'Export to PDF drops the footer');
    await meToo(ana!, reportId, 'Same on my invoices,\nevery time.', {
      os: 'Windows 11',
      browser: 'Edge',
      build: '3.1',
    });
    await meToo(ben!, reportId, 'Footer gone here too', { os: 'Windows 11', browser: 'Edge', build: '3.1' });
    await meToo(cleo!, reportId, '', { os: 'macOS 15' });

    const list = await rescueList(lead, at.programId);
    expect(list).toMatchObject({ threshold: 3, windowDays: 14, rescued: [] });
    const candidate = list.candidates.find((entry) => entry.canonicalId === reportId);
    expect(candidate).toMatchObject({
      title: 'Export to PDF drops the footer',
      status: 'not_planned',
      priority: null,
      releaseId: at.release.id,
      evidence: {
        customers: 3,
        reproductions: 3,
        windowDays: 14,
        environments: [
          { os: 'Windows 11', browser: 'Edge', build: '3.1', count: 2 },
          { os: 'macOS 15', browser: null, build: null, count: 1 },
        ],
      },
    });
    const items = candidate!.evidence.items;
    expect(items.map((item) => item.customer)).toEqual([cleo!.handle, ben!.handle, ana!.handle]);
    expect(items.map((item) => item.kind)).toEqual(['me_too', 'me_too', 'me_too']);
    expect(items[2]!.note).toBe('Same on my invoices,\nevery time.');
    expect(candidate!.evidence.newestAt).toBe(items[0]!.at);
    // Staff read customers by handle only, as engineering does.
    const text = JSON.stringify(list);
    for (const who of [reporter!, ana!, ben!, cleo!]) {
      expect(text).not.toContain(who.user.name);
      expect(text).not.toContain(who.user.email);
    }
    // An engineer reads the list too (like the program's figures).
    expect((await rescueList(engineerClient, at.programId)).candidates.map((entry) => entry.canonicalId)).toContain(
      reportId,
    );
  });

  it('two customers do not reach the threshold of three, until the program lowers it to two', async () => {
    const at = await stage();
    const [reporter, ana, ben] = await Promise.all(['rita', 'ana', 'ben'].map((name) => customer(at, name)));
    const { reportId } = await notPlanned(at, reporter!, 'Zoom resets on every page');
    await meToo(ana!, reportId, 'Yes');
    await meToo(ben!, reportId, 'Me too');
    expect(await candidateOf(at.programId, reportId)).toBeUndefined();
    expect((await readProblem(await sendBack(lead, reportId))).detail).toContain('Fewer than 3 customers');

    await bodyOf(
      await lead.api.api.programs[':id'].$patch({ param: { id: at.programId }, json: { rescueThreshold: 2 } }),
      200,
    );
    expect((await candidateOf(at.programId, reportId))?.evidence.customers).toBe(2);
  });

  it('reproductions older than the window do not count', async () => {
    const at = await stage();
    const [reporter, ana, ben, cleo] = await Promise.all(
      ['rita', 'ana', 'ben', 'cleo'].map((name) => customer(at, name)),
    );
    const { reportId } = await notPlanned(at, reporter!, 'Spellcheck ignores German');
    await meToo(ana!, reportId, 'Old one');
    await meToo(ben!, reportId, 'Recent');
    await meToo(cleo!, reportId, 'Recent too');
    expect(await candidateOf(at.programId, reportId)).toBeDefined();
    await world.server.prisma.reportFinder.updateMany({
      where: { reportId, userId: ana!.user.id },
      data: { createdAt: new Date(Date.now() - 15 * day) },
    });
    expect(await candidateOf(at.programId, reportId)).toBeUndefined();
    await bodyOf(
      await lead.api.api.programs[':id'].$patch({ param: { id: at.programId }, json: { rescueWindowDays: 30 } }),
      200,
    );
    expect((await candidateOf(at.programId, reportId))?.evidence).toMatchObject({ customers: 3, windowDays: 30 });
  });

  it('counts a customer who said "me too" and filed a duplicate once, and their duplicate as a reproduction', async () => {
    const at = await stage();
    const [reporter, ana, ben, cleo] = await Promise.all(
      ['rita', 'ana', 'ben', 'cleo'].map((name) => customer(at, name)),
    );
    const canonical = await notPlanned(at, reporter!, 'Dark mode flickers on wake');
    const duplicate = await createLinkedReport(world, {
      programId: at.programId,
      releaseId: at.release.id,
      reporterId: ana!.user.id,
      title: 'Screen flashes white after sleep',
    });
    await settle(world);
    await commentAndCloseAsDuplicate(world, engineer, duplicate, canonical);
    await settle(world);
    const linked = await world.server.prisma.report.findUniqueOrThrow({
      where: { id: duplicate.reportId },
      select: { duplicateOfId: true },
    });
    expect(linked.duplicateOfId).toBe(canonical.reportId);
    await meToo(ana!, canonical.reportId, 'Still flickering');
    await meToo(ben!, canonical.reportId, 'Here too');
    expect(await candidateOf(at.programId, canonical.reportId)).toBeUndefined();
    // The duplicate's own page is no way around the rule: it is not a cluster of its own.
    expect((await readProblem(await sendBack(lead, duplicate.reportId))).detail).toContain('duplicate');

    await meToo(cleo!, duplicate.reportId, 'On the duplicate');
    const candidate = await candidateOf(at.programId, canonical.reportId);
    expect(candidate?.evidence).toMatchObject({ customers: 3, reproductions: 4 });
    expect(candidate!.evidence.items.map((item) => [item.customer, item.kind]).sort()).toEqual(
      [
        [ana!.handle, 'duplicate'],
        [ana!.handle, 'me_too'],
        [ben!.handle, 'me_too'],
        [cleo!.handle, 'me_too'],
      ].sort(),
    );
    expect(candidate!.evidence.items.find((item) => item.kind === 'duplicate')).toMatchObject({
      reportId: duplicate.reportId,
      note: 'Screen flashes white after sleep',
    });
  });

  it('counts the reporter once they say the fix is still broken, and lists open reports without a priority', async () => {
    const at = await stage();
    const [reporter, ana, ben] = await Promise.all(['rita', 'ana', 'ben'].map((name) => customer(at, name)));
    const made = await createLinkedReport(world, {
      programId: at.programId,
      releaseId: at.release.id,
      reporterId: reporter!.user.id,
      title: 'Undo forgets the last step',
    });
    await settle(world);
    await meToo(ana!, made.reportId, 'Yes');
    await meToo(ben!, made.reportId, 'Yes');
    expect(await candidateOf(at.programId, made.reportId)).toBeUndefined();
    await world.server.prisma.verification.create({
      data: {
        reportId: made.reportId,
        userId: reporter!.user.id,
        round: 1,
        role: 'reporter',
        source: 'customer',
        build: '3.1',
        status: 'still_broken',
        answeredAt: new Date(),
        note: 'Still loses the last step',
        environment: { os: 'Linux' },
      },
    });
    const candidate = await candidateOf(at.programId, made.reportId);
    expect(candidate).toMatchObject({ status: 'synced', priority: null, evidence: { customers: 3 } });
    expect(candidate!.evidence.items[0]).toMatchObject({
      kind: 'still_broken',
      customer: reporter!.handle,
      note: 'Still loses the last step',
      os: 'Linux',
    });

    // A priority level takes it off the list: engineering is on it.
    await gh().updateIssue(programRepo, made.issueNumber, { login: engineer, labels: ['fieldtest', 'P3'] });
    await settle(world);
    expect(await candidateOf(at.programId, made.reportId)).toBeUndefined();
  });
});

describe('who may read and send', () => {
  it('MVPs get 403, in the program and outside it; only program leads send back', async () => {
    const at = await stage();
    const elsewhere = await stage();
    const [reporter, ana, ben, cleo] = await Promise.all(
      ['rita', 'ana', 'ben', 'cleo'].map((name) => customer(at, name)),
    );
    const outsider = await customer(elsewhere, 'otto');
    const { reportId } = await notPlanned(at, reporter!, 'Tabs close themselves');
    for (const who of [ana!, ben!, cleo!]) await meToo(who, reportId, `${who.handle} saw it`);

    for (const client of [ana!.client, reporter!.client, outsider.client]) {
      const read = await client.api.api.programs[':id'].rescue.$get({ param: { id: at.programId } });
      expect(read.status).toBe(403);
      await readProblem(read);
      expect((await client.api.api.programs[':id']['rescue-stats'].$get({ param: { id: at.programId } })).status).toBe(
        403,
      );
      expect((await sendBack(client, reportId)).status).toBe(403);
    }
    const tester = (await signedInClient(world.server, 'internal_tester', { programs: [at.programId] })).client;
    for (const client of [engineerClient, tester]) expect((await sendBack(client, reportId)).status).toBe(403);
    expect(await world.server.prisma.rescueRequest.count({ where: { reportId } })).toBe(0);

    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await lead.api.api.programs[':id'].rescue.$get({ param: { id: unknown } })).status).toBe(404);
    expect((await sendBack(lead, unknown)).status).toBe(404);
    const notAnId = await lead.api.api.programs[':id'].rescue.$get({ param: { id: 'nope' } });
    expect((await readProblem(notAnId)).errors?.map((error) => error.field)).toEqual(['id']);
  });

  it('refuses settings that are out of range or would let Fieldtest set a priority', async () => {
    const at = await stage();
    const patch = (json: Record<string, unknown>) =>
      lead.api.api.programs[':id'].$patch({ param: { id: at.programId }, json });
    const fieldsOf = async (json: Record<string, unknown>) =>
      (await readProblem(await patch(json))).errors?.map((error) => error.field);
    expect(await fieldsOf({ rescueThreshold: 0 })).toEqual(['rescueThreshold']);
    expect(await fieldsOf({ rescueThreshold: 101 })).toEqual(['rescueThreshold']);
    expect(await fieldsOf({ rescueWindowDays: 366 })).toEqual(['rescueWindowDays']);
    expect(await fieldsOf({ rescueWindowDays: 1.5 })).toEqual(['rescueWindowDays']);
    expect(await fieldsOf({ rescueLabel: 'p1' })).toEqual(['rescueLabel']);
    expect(await fieldsOf({ verifiedLabel: 'wontfix' })).toEqual(['verifiedLabel']);
    expect(await fieldsOf({ stillBrokenAction: 'close' })).toEqual(['stillBrokenAction']);
    const saved = await bodyOf(
      await patch({ rescueLabel: ' needs another look ', stillBrokenAction: 'label', clearNeedsInfoOnAnswer: false }),
      200,
    );
    expect(saved).toMatchObject({
      rescueLabel: 'needs another look',
      stillBrokenAction: 'label',
      clearNeedsInfoOnAnswer: false,
      rescueThreshold: 3,
      rescueWindowDays: 14,
      fixedInLabelPrefix: 'fixed in: ',
      verifiedLabel: 'fieldtest: verified',
      stillBrokenLabel: 'fieldtest: still-broken',
    });
  });
});

describe('sending back to engineering', () => {
  it('posts exactly one comment and the label on the issue, once, and the dashboard counts what engineering does', async () => {
    const at = await stage();
    const [reporter, ana, ben, cleo] = await Promise.all(
      ['rita', 'ana', 'ben', 'cleo'].map((name) => customer(at, name)),
    );
    const { reportId, issueNumber } = await notPlanned(at, reporter!, 'Autosave overwrites the newer copy');
    await meToo(ana!, reportId, 'Lost a morning of work to this @octocat fixes #1', { os: 'Windows 11' });
    await meToo(ben!, reportId, 'Same', { os: 'Windows 11' });
    await meToo(cleo!, reportId, 'Happens on the network drive', { os: 'macOS 15', build: '3.1' });

    // Two leads at once: one request, one conflict.
    const otherLead = (await signedInClient(world.server, 'admin')).client;
    const [first, second] = await Promise.all([sendBack(lead, reportId), sendBack(otherLead, reportId)]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const sent = first.status === 201 ? await bodyOf(first, 201) : await bodyOf(second, 201);
    expect(sent).toMatchObject({
      canonicalId: reportId,
      statusBefore: 'not_planned',
      commentPosted: false,
      prioritisedAt: null,
      evidence: { customers: 3, reproductions: 3 },
    });
    expect(await world.server.prisma.rescueRequest.count({ where: { reportId } })).toBe(1);
    // One audit entry, from the request that succeeded, in the same transaction as the request.
    const audit = await world.server.prisma.auditEntry.findMany({
      where: { action: 'rescue.sent', subjectId: reportId },
      select: { actorName: true, programId: true, before: true, after: true },
    });
    expect(audit).toEqual([
      {
        actorName: sent.requestedBy,
        programId: at.programId,
        before: { status: 'not_planned' },
        after: { rescueId: sent.id, customers: 3, reproductions: 3 },
      },
    ]);

    await runSyncUntilIdle(reportId);
    const comments = await gh().comments(programRepo, issueNumber);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body ?? '';
    expect(body).toContain('The program lead asks engineering to reconsider this issue');
    expect(body).toContain('**3 customers** reproduced this in the last 14 days');
    expect(body).toContain('closed as not planned');
    expect(body).toContain('- Windows 11: 2');
    expect(body).toContain('- macOS 15 · build 3.1: 1');
    for (const who of [ana!, ben!, cleo!]) expect(body).toContain(`**${who.handle}**`);
    // Customers' words reach GitHub inert, and nobody's name or address does.
    expect(body).toContain('@\u200Boctocat');
    expect(body).toContain('f\u200Bixes #\u200B1');
    for (const who of [reporter!, ana!, ben!, cleo!]) {
      expect(body).not.toContain(who.user.name);
      expect(body).not.toContain(who.user.email);
    }
    expect(labelsOf(await issueOf(issueNumber))).toContain('fieldtest: rescue');

    // Sent once: asking again changes nothing on GitHub.
    const again = await sendBack(lead, reportId);
    expect(again.status).toBe(409);
    expect((await readProblem(again)).detail).toContain('already sent back');
    await runSyncUntilIdle(reportId);
    expect(await gh().comments(programRepo, issueNumber)).toHaveLength(1);
    expect(await world.server.prisma.syncJob.count({ where: { reportId } })).toBe(2);

    const listed = await rescueList(lead, at.programId);
    expect(listed.candidates.map((candidate) => candidate.canonicalId)).not.toContain(reportId);
    expect(listed.rescued).toEqual([
      expect.objectContaining({ id: sent.id, canonicalId: reportId, commentPosted: true, prioritisedAt: null }),
    ]);
    const stats = () =>
      lead.api.api.programs[':id']['rescue-stats'].$get({ param: { id: at.programId } }).then((r) => bodyOf(r, 200));
    expect(await stats()).toMatchObject({
      rescued: 1,
      prioritised: 0,
      byRelease: [{ releaseId: at.release.id, rescued: 1, prioritised: 0 }],
    });

    // Engineering takes another look: a priority level, still closed for now.
    const labels = labelsOf(await issueOf(issueNumber)).filter((label): label is string => Boolean(label));
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: [...labels, 'P2'] });
    await settle(world);
    expect(await stats()).toMatchObject({
      rescued: 1,
      prioritised: 1,
      byRelease: [{ releaseId: at.release.id, rescued: 1, prioritised: 1 }],
    });
    const [rescued] = (await rescueList(lead, at.programId)).rescued;
    expect(rescued).toMatchObject({ priority: 'P2', status: 'not_planned' });
    expect(rescued!.prioritisedAt).not.toBeNull();
  });

  it("keeps the summary and the request off customers' report pages; staff read it as a team note", async () => {
    const at = await stage();
    const [reporter, ana, ben, cleo] = await Promise.all(
      ['rita', 'ana', 'ben', 'cleo'].map((name) => customer(at, name)),
    );
    const { reportId } = await notPlanned(at, reporter!, 'Fonts blur at 125% scaling');
    await meToo(ana!, reportId, 'Ana-only words about my monitor');
    await meToo(ben!, reportId, 'Ben-only words');
    await meToo(cleo!, reportId, 'Cleo-only words');
    await bodyOf(await sendBack(lead, reportId), 201);
    await runSyncUntilIdle(reportId);

    const readAs = (client: TestClient) =>
      client.api.api.reports[':id'].$get({ param: { id: reportId } }).then((r) => bodyOf(r, 200));
    for (const who of [reporter!, ana!, ben!]) {
      const page = JSON.stringify(await readAs(who.client));
      expect(page).not.toContain('reproduced this');
      expect(page).not.toContain('rescue');
      for (const other of [ana!, ben!, cleo!].filter((each) => each !== who)) {
        expect(page).not.toContain(other.handle);
      }
      expect(page).not.toContain('Cleo-only words');
    }
    const staffPage = await readAs(engineerClient);
    const timeline = (staffPage as { timeline: { kind: string; text: string | null; data: Record<string, unknown> }[] })
      .timeline;
    const note = timeline.find((entry) => entry.kind === 'note' && entry.data.purpose === 'rescue');
    expect(note?.text).toContain('**3 customers**');
    expect(timeline.find((entry) => entry.kind === 'rescue_requested')?.data).toMatchObject({ customers: 3 });
  });
});
