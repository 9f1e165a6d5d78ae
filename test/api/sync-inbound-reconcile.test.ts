import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { inboundSettings } from '../../api/github-sync/inbound/inbound-context.ts';
import { reconcileProgram } from '../../api/github-sync/inbound/reconcile-program.ts';
import { createLogger } from '../../api/lib/logger.ts';
import {
  createCustomer,
  createLinkedReport,
  createProgramWithRelease,
  type InboundWorld,
  messagesTo,
  postWebhook,
  reportState,
  settle,
  startInboundWorld,
} from '../support/github-inbound-fixtures.ts';
import { bodyOf } from '../support/problem.ts';
import { signedInClient } from '../support/test-server.ts';

// Reconciliation repairs what lost webhooks left behind: the emulator drops its deliveries, then
// one run lists what changed since the watermark and applies it.

let world: InboundWorld;
const engineer = 'eng-octo';

beforeAll(async () => {
  world = await startInboundWorld();
});
afterAll(() => world?.stop());

const gh = () => world.emulator.control;

/** A program on a repository of its own, so that each test's reconciliation sees only its issues. */
async function freshProgram() {
  const repo = `acme/repo-${randomUUID().slice(0, 8)}`;
  await gh().createRepo(repo);
  await gh().setAssociation(repo, engineer, 'MEMBER');
  const made = await createProgramWithRelease(world.server, { repo });
  return { repo, programId: made.program.id, releaseId: made.release.id };
}

const reconcile = (programId: string) =>
  reconcileProgram({
    prisma: world.server.prisma,
    settings: { ...inboundSettings(world.env, world.github), github: world.github },
    logger: createLogger('silent'),
    programId,
  });

async function withWebhooksDropped<T>(work: () => Promise<T>): Promise<T> {
  await gh().setWebhookMode('drop');
  try {
    return await work();
  } finally {
    await gh().setWebhookMode('deliver');
  }
}

describe('reconcileProgram', () => {
  it('repairs lost webhooks: state, comments and issues opened on GitHub, and tells the reporter once', async () => {
    const { repo, programId, releaseId } = await freshProgram();
    const customer = await createCustomer(world.server);
    const { reportId, issueNumber } = await createLinkedReport(world, {
      programId,
      releaseId,
      reporterId: customer.id,
      repo,
    });
    await settle(world);
    const direct = await withWebhooksDropped(async () => {
      await gh().updateIssue(repo, issueNumber, { login: engineer, labels: ['P0'] });
      await gh().comment(repo, issueNumber, { login: engineer, body: 'Can you attach the log?' });
      return gh().openIssue(repo, { login: 'tester-octo', title: 'Menu flickers' });
    });
    expect(await reportState(world.server, reportId)).toMatchObject({ priority: null });

    const result = await reconcile(programId);
    expect(result).toMatchObject({ kind: 'done' });
    expect(await reportState(world.server, reportId)).toMatchObject({ priority: 'P0', status: 'triaged' });
    expect(
      await world.server.prisma.reportComment.findMany({
        where: { reportId },
        select: { body: true, authorLogin: true },
      }),
    ).toEqual([{ body: 'Can you attach the log?', authorLogin: engineer }]);
    expect(
      await world.server.prisma.report.findUnique({
        where: { issueRepo_issueNumber: { issueRepo: repo, issueNumber: direct.number } },
        select: { source: true, reporterLogin: true },
      }),
    ).toEqual({ source: 'internal', reporterLogin: 'tester-octo' });

    // Again, with nothing lost since: nothing changes, nobody is told twice.
    await reconcile(programId);
    const kinds = (await messagesTo(world.server, customer.email)).map((message) => message.kind).sort();
    expect(kinds).toEqual(['report-comment', 'report-triaged']);
    const sync = await world.server.prisma.programSync.findUniqueOrThrow({
      where: { programId },
      select: { watermark: true, lastSuccessAt: true, lastError: true, leaseUntil: true },
    });
    expect(sync).toMatchObject({ lastError: null, leaseUntil: null });
    expect(sync.watermark).toBeInstanceOf(Date);
    expect(sync.lastSuccessAt).toBeInstanceOf(Date);
  });

  it("keeps a passer-by's comment it reads back a team note, and tells nobody", async () => {
    const { repo, programId, releaseId } = await freshProgram();
    const customer = await createCustomer(world.server);
    const { reportId, issueNumber } = await createLinkedReport(world, {
      programId,
      releaseId,
      reporterId: customer.id,
      repo,
    });
    await settle(world);
    await withWebhooksDropped(() => gh().comment(repo, issueNumber, { login: 'passer-by', body: 'Works for me' }));

    expect(await reconcile(programId)).toMatchObject({ kind: 'done', comments: { seen: 1, changed: 1 } });
    expect(
      await world.server.prisma.reportComment.findMany({
        where: { reportId },
        select: { body: true, authorLogin: true, authorAssociation: true, visibility: true },
      }),
    ).toEqual([{ body: 'Works for me', authorLogin: 'passer-by', authorAssociation: 'NONE', visibility: 'team' }]);
    expect(await messagesTo(world.server, customer.email)).toEqual([]);
  });

  it('asks conditionally: when nothing changed GitHub answers 304 and nothing is read again', async () => {
    const { repo, programId, releaseId } = await freshProgram();
    const customer = await createCustomer(world.server);
    const { issueNumber } = await createLinkedReport(world, { programId, releaseId, reporterId: customer.id, repo });
    await gh().comment(repo, issueNumber, { login: engineer, body: 'Looking' });
    await settle(world);
    await reconcile(programId);
    await reconcile(programId);
    const quiet = await reconcile(programId);
    expect(quiet).toEqual({
      kind: 'done',
      issues: { notModified: true, seen: 0, changed: 0 },
      comments: { notModified: true, seen: 0, changed: 0 },
    });
    // A change afterwards is seen again.
    await withWebhooksDropped(() => gh().updateIssue(repo, issueNumber, { login: engineer, labels: ['P2'] }));
    const after = await reconcile(programId);
    expect(after).toMatchObject({ kind: 'done', issues: { notModified: false, changed: 1 } });
  });

  it('leaves a report whose create is still pending alone, and imports nothing for its issue', async () => {
    const { repo, programId, releaseId } = await freshProgram();
    const customer = await createCustomer(world.server);
    const report = await world.server.prisma.report.create({
      data: {
        programId,
        releaseId,
        reporterId: customer.id,
        source: 'customer',
        title: 'Pending',
        steps: 's',
        expected: 'e',
        actual: 'a',
        severity: 'minor',
        environment: {},
      },
      select: { id: true },
    });
    // GitHub has the issue, but the outbound sync has not committed its answer yet.
    await withWebhooksDropped(() =>
      world.github.octokit.rest.issues.create({
        owner: repo.split('/')[0]!,
        repo: repo.split('/')[1]!,
        title: 'Pending',
        body: reportMarker(report.id),
      }),
    );
    expect(await reconcile(programId)).toMatchObject({ kind: 'done' });
    expect(await world.server.prisma.report.count({ where: { programId } })).toBe(1);
    expect(await reportState(world.server, report.id)).toMatchObject({ status: 'new', issueNumber: null });
  });

  it('runs in one process at a time per program', async () => {
    const { programId } = await freshProgram();
    const [first, second] = await Promise.all([reconcile(programId), reconcile(programId)]);
    expect([first.kind, second.kind].sort()).toEqual(['busy', 'done']);
  });

  it('reads nothing while the credential is blocked', async () => {
    const { programId } = await freshProgram();
    const blockedUntil = new Date(Date.now() + 60_000);
    await world.server.prisma.githubRateState.upsert({
      where: { key: world.github.rateKey },
      create: { key: world.github.rateKey, blockedUntil, blockedReason: 'test' },
      update: { blockedUntil, blockedReason: 'test' },
    });
    try {
      const before = (await gh().stats()).requests;
      const result = await reconcile(programId);
      expect(result).toMatchObject({ kind: 'blocked' });
      if (result.kind === 'blocked')
        expect(Math.abs(result.until.getTime() - blockedUntil.getTime())).toBeLessThan(1000);
      expect((await gh().stats()).requests).toBe(before);
    } finally {
      await world.server.prisma.githubRateState.update({
        where: { key: world.github.rateKey },
        data: { blockedUntil: null, blockedReason: null },
      });
    }
  });

  it('stops on a rate limit, records why, and waits before the next run', async () => {
    const { programId } = await freshProgram();
    await gh().addFaults({ method: 'GET', path: '/issues$', kind: 'secondary_limit', retryAfter: 30, times: 1 });
    onTestFinished(async () => {
      await world.server.prisma.githubRateState.update({
        where: { key: world.github.rateKey },
        data: { blockedUntil: null, blockedReason: null, strikes: 0 },
      });
    });
    const result = await reconcile(programId);
    expect(result).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/rate/) });
    const sync = await world.server.prisma.programSync.findUniqueOrThrow({
      where: { programId },
      select: { lastError: true, leaseUntil: true, lastSuccessAt: true },
    });
    expect(sync.lastError).toMatch(/secondary rate limit/);
    expect(sync.lastSuccessAt).toBeNull();
    expect(sync.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await reconcile(programId)).toEqual({ kind: 'busy' });
    // Every process holds off: the shared pacer's row is blocked too.
    const rate = await world.server.prisma.githubRateState.findUniqueOrThrow({
      where: { key: world.github.rateKey },
      select: { blockedUntil: true },
    });
    expect(rate.blockedUntil!.getTime()).toBeGreaterThan(Date.now() + 20_000);
  });
});

describe('webhooks that do not arrive', () => {
  // The rate-limit tests above leave the token limited for a while: start from a GitHub that is not.
  beforeAll(() => gh().reset());

  const health = async (programId: string) => {
    const { client } = await signedInClient(world.server, 'admin');
    return bodyOf(await client.api.api.programs[':id'].sync.$get({ param: { id: programId } }), 200);
  };

  it('are noticed when reconciliation finds a change no delivery brought, until GitHub makes contact again', async () => {
    const { repo, programId, releaseId } = await freshProgram();
    const customer = await createCustomer(world.server);
    const { issueNumber } = await createLinkedReport(world, { programId, releaseId, reporterId: customer.id, repo });
    await settle(world);
    // GitHub's times are whole seconds: the change is dated after the delivery of the opening.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await withWebhooksDropped(() => gh().updateIssue(repo, issueNumber, { login: engineer, labels: ['P1'] }));
    await reconcile(programId);
    const warned = await health(programId);
    expect(warned.webhooks).toMatchObject({ notReaching: true, missedIssue: issueNumber });

    // Saving the webhook again on GitHub sends a ping: contact is made, the warning goes.
    const ping = {
      zen: 'Design for failure.',
      hook_id: 42,
      hook: { type: 'Repository' },
      repository: { full_name: repo },
    };
    const { response } = await postWebhook(world.webhookUrl, { event: 'ping', payload: ping });
    expect(response.status).toBeLessThan(300);
    expect((await health(programId)).webhooks).toMatchObject({ notReaching: false, lastContactEvent: 'ping' });
  });

  it('are not suspected when the deliveries brought every change reconciliation sees', async () => {
    const { repo, programId, releaseId } = await freshProgram();
    const customer = await createCustomer(world.server);
    const { issueNumber } = await createLinkedReport(world, { programId, releaseId, reporterId: customer.id, repo });
    await gh().updateIssue(repo, issueNumber, { login: engineer, labels: ['P2'] });
    await settle(world);
    await reconcile(programId);
    expect((await health(programId)).webhooks).toMatchObject({
      notReaching: false,
      missedAt: null,
      lastContactEvent: 'issues',
    });
  });
});
