import { describe, expect, it } from 'vitest';
import { clockSkewMs } from '../../api/github-sync/inbound/github-time.ts';
import {
  commentAndCloseAsDuplicate,
  issuePayload,
  messagesTo,
  otherRepo,
  postIssueWebhook,
  postWebhook,
  programRepo,
  reportState,
  settle,
  triageWorld,
  waitForDeliveries,
} from '../support/github-inbound-fixtures.ts';

// Deliveries that are signed, and so come through GitHub, but should not be believed as they stand:
// a comment by anyone at all on a public repository, a state dated in the future, a delivery whose
// repository and issue disagree.

const engineer = 'eng-octo';
const passerBy = 'passer-by';
const world = triageWorld(engineer);
const { linked } = world;
const gh = () => world.emulator.control;
/** The issue as the emulator holds it. */
const emulatorIssue = async (issueNumber: number) =>
  (await gh().issues(programRepo)).find((candidate) => candidate.number === issueNumber);

const storedComments = (reportId: string) =>
  world.server.prisma.reportComment.findMany({
    where: { reportId },
    select: { body: true, authorLogin: true, authorAssociation: true, visibility: true },
    orderBy: { createdAt: 'asc' },
  });

/** The texts of the report's timeline as its reporter reads it in the portal. */
async function reporterTimeline(reportId: string): Promise<string[]> {
  return (await world.reporterTimeline(reportId)).map((entry) => ('text' in entry ? String(entry.text) : ''));
}

describe('comments from people outside the repository', () => {
  it("keep a passer-by's comment as a team note with its association: the reporter neither sees it nor is e-mailed", async () => {
    const { reportId, issueNumber } = await linked();
    await gh().comment(programRepo, issueNumber, { login: passerBy, body: 'Try reinstalling, works for me' });
    await gh().comment(programRepo, issueNumber, { login: engineer, body: 'Which build are you on?' });
    await settle(world);

    expect(await storedComments(reportId)).toEqual([
      { body: 'Try reinstalling, works for me', authorLogin: passerBy, authorAssociation: 'NONE', visibility: 'team' },
      {
        body: 'Which build are you on?',
        authorLogin: engineer,
        authorAssociation: 'COLLABORATOR',
        visibility: 'public',
      },
    ]);
    const mail = await messagesTo(world.server, world.customer.email);
    expect(mail.map((message) => message.kind)).toEqual(['report-comment']);
    expect(mail[0]?.text).toContain('Which build are you on?');
    const timeline = await reporterTimeline(reportId);
    expect(timeline).toContain('Which build are you on?');
    expect(timeline).not.toContain('Try reinstalling, works for me');
  });

  it('relay a login the program lists among its GitHub commenters, compared without regard to case', async () => {
    const { reportId, issueNumber } = await linked();
    await world.server.prisma.program.update({
      where: { id: world.programId },
      data: { githubCommenters: ['Contractor-Kim'] },
    });
    await gh().comment(programRepo, issueNumber, { login: 'contractor-kim', body: 'Fixed in the nightly build' });
    await settle(world);

    expect(await storedComments(reportId)).toEqual([
      {
        body: 'Fixed in the nightly build',
        authorLogin: 'contractor-kim',
        authorAssociation: 'NONE',
        visibility: 'public',
      },
    ]);
    expect((await messagesTo(world.server, world.customer.email)).map((message) => message.kind)).toEqual([
      'report-comment',
    ]);
  });

  it('judge the author again on an edit: a comment edited after its author left the repository becomes a team note', async () => {
    const { reportId, issueNumber } = await linked();
    const leaver = 'leaving-octo';
    await gh().setAssociation(programRepo, leaver, 'MEMBER');
    const comment = await gh().comment(programRepo, issueNumber, { login: leaver, body: 'Looking into it' });
    await settle(world);
    expect(await storedComments(reportId)).toMatchObject([{ visibility: 'public', authorAssociation: 'MEMBER' }]);

    await gh().setAssociation(programRepo, leaver, 'NONE');
    await gh().editComment(programRepo, comment.id, { login: leaver, body: 'Buy my course instead' });
    await settle(world);
    expect(await storedComments(reportId)).toEqual([
      { body: 'Buy my course instead', authorLogin: leaver, authorAssociation: 'NONE', visibility: 'team' },
    ]);
    // Told of the first words only.
    expect(await messagesTo(world.server, world.customer.email)).toHaveLength(1);
  });

  it('do not decide which report a duplicate belongs to', async () => {
    const duplicate = await linked();
    const canonical = await linked();
    const elsewhere = await linked();
    await commentAndCloseAsDuplicate(world, engineer, duplicate, canonical);
    await settle(world);
    const linkedTo = async () =>
      (
        await world.server.prisma.report.findUniqueOrThrow({
          where: { id: duplicate.reportId },
          select: { duplicateOfId: true },
        })
      ).duplicateOfId;
    expect(await linkedTo()).toBe(canonical.reportId);

    await gh().comment(programRepo, duplicate.issueNumber, {
      login: passerBy,
      body: `Duplicate of #${elsewhere.issueNumber}`,
    });
    await settle(world);
    expect(await linkedTo()).toBe(canonical.reportId);
  });
});

describe('states dated in the future', () => {
  const yearMs = 365 * 24 * 3_600_000;

  it('are checked with GitHub, whose state is applied instead, and later changes still apply', async () => {
    const { reportId, issueNumber } = await linked();
    const issue = await emulatorIssue(issueNumber);
    const forged = issuePayload({
      number: issueNumber,
      id: Number(issue!.id),
      title: issue!.title,
      state: 'closed',
      stateReason: 'completed',
      labels: ['P0'],
      updatedAt: new Date(Date.now() + yearMs),
    });
    const { id } = await postIssueWebhook(world.webhookUrl, 'closed', forged);
    await waitForDeliveries(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ status: 'synced', priority: null, issueState: 'open', fixedAt: null });
    const stored = await world.server.prisma.report.findUniqueOrThrow({
      where: { id: reportId },
      select: { issueUpdatedAt: true },
    });
    expect(stored.issueUpdatedAt!.getTime()).toBeLessThanOrEqual(Date.now() + clockSkewMs);
    expect(
      await world.server.prisma.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { status: true } }),
    ).toEqual({ status: 'processed' });
    expect(await messagesTo(world.server, world.customer.email)).toEqual([]);

    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['P1'] });
    await settle(world);
    expect(await reportState(world.server, reportId)).toMatchObject({ status: 'triaged', priority: 'P1' });
  });

  it('are read from GitHub before the report is locked: a slow GitHub holds nobody up', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().addFaults({ method: 'GET', path: `/issues/${issueNumber}$`, kind: 'slow', delayMs: 3_000, times: 1 });
    const forged = issuePayload({
      number: issueNumber,
      state: 'closed',
      stateReason: 'completed',
      updatedAt: new Date(Date.now() + yearMs),
    });
    await postIssueWebhook(world.webhookUrl, 'closed', forged);
    await new Promise((resolve) => setTimeout(resolve, 800));
    // While GitHub takes its time, the report's row is free: a writer gets its lock at once.
    const started = Date.now();
    await world.server.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`select id from "Report" where id = ${reportId}::uuid for update nowait`;
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await waitForDeliveries(world);
    expect(await reportState(world.server, reportId)).toMatchObject({ status: 'synced', issueState: 'open' });
  });

  it('stored before they were refused, order nothing: the next real change applies', async () => {
    const { reportId, issueNumber } = await linked();
    await world.server.prisma.report.update({
      where: { id: reportId },
      data: { issueUpdatedAt: new Date(Date.now() + yearMs) },
    });
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['P2'] });
    await settle(world);
    expect(await reportState(world.server, reportId)).toMatchObject({ priority: 'P2' });
  });
});

/** A GitHub read of the issue made from now on takes the fault, so an untaken one means nothing read it. */
const watchReads = (issueNumber: number) =>
  gh().addFaults({ method: 'GET', path: `/issues/${issueNumber}$`, kind: 'slow', delayMs: 1, times: 1 });
const readsLeft = async (issueNumber: number) =>
  (await gh().faults()).filter((fault) => fault.path === `/issues/${issueNumber}$`).length;

describe('states dated the same second as the stored one', () => {
  /** The stored state's date, as GitHub dates it (whole seconds). */
  const storedAt = async (reportId: string) =>
    (await world.server.prisma.report.findUniqueOrThrow({ where: { id: reportId }, select: { issueUpdatedAt: true } }))
      .issueUpdatedAt as Date;

  it('saying what is stored are a redelivery: applied as unchanged, without asking GitHub', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['P1'] });
    await settle(world);
    const before = await reportState(world.server, reportId);
    const issue = await emulatorIssue(issueNumber);
    await watchReads(issueNumber);
    const again = issuePayload({
      number: issueNumber,
      id: Number(issue!.id),
      state: 'open',
      labels: (issue!.labels as { name: string }[]).map((label) => label.name.toUpperCase()).reverse(),
      updatedAt: await storedAt(reportId),
    });
    const { id } = await postIssueWebhook(world.webhookUrl, 'labeled', again);
    await waitForDeliveries(world);
    expect(
      await world.server.prisma.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { status: true } }),
    ).toEqual({ status: 'processed' });
    expect(await reportState(world.server, reportId)).toEqual(before);
    expect(await readsLeft(issueNumber)).toBe(1);
    await gh().clearFaults();
  });

  it('saying something else are checked with GitHub, whose state is applied', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['P1'] });
    await settle(world);
    const issue = await emulatorIssue(issueNumber);
    await watchReads(issueNumber);
    // Delivered as closed within the second of the stored state; GitHub says it is open with P1.
    const other = issuePayload({
      number: issueNumber,
      id: Number(issue!.id),
      state: 'closed',
      stateReason: 'not_planned',
      labels: ['P3'],
      updatedAt: await storedAt(reportId),
    });
    await postIssueWebhook(world.webhookUrl, 'closed', other);
    await waitForDeliveries(world);
    expect(await readsLeft(issueNumber)).toBe(0);
    expect(await reportState(world.server, reportId)).toMatchObject({ issueState: 'open', priority: 'P1' });
  });
});

describe("GitHub's budget", () => {
  it('is not read down into the reserve kept for writes: reads wait for the reset, then go and record what is left', async () => {
    const { reportId, issueNumber } = await linked();
    const before = await reportState(world.server, reportId);
    const issue = await emulatorIssue(issueNumber);
    const rate = { key: world.github.rateKey };
    // 200 of 5,000 left for the hour: within the 5% kept for sending reports and comments.
    const spent = { coreLimit: 5000, coreRemaining: 200, coreResetAt: new Date(Date.now() + 3_600_000) };
    await world.server.prisma.githubRateState.upsert({
      where: rate,
      create: { ...rate, nextWriteAt: new Date(), ...spent },
      update: spent,
    });
    await watchReads(issueNumber);
    // A state dated ahead of now is applied only as GitHub confirms it, which takes a read.
    const forged = issuePayload({
      number: issueNumber,
      id: Number(issue!.id),
      state: 'closed',
      stateReason: 'completed',
      updatedAt: new Date(Date.now() + 365 * 24 * 3_600_000),
    });
    const { id } = await postIssueWebhook(world.webhookUrl, 'closed', forged);
    const attempts = () =>
      world.server.prisma.webhookDelivery.findUniqueOrThrow({
        where: { id },
        select: { attempts: true, status: true },
      });
    for (let tries = 0; (await attempts()).attempts < 2; tries += 1) {
      if (tries > 400) throw new Error('the delivery was not tried twice');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await attempts()).toMatchObject({ status: 'pending' });
    expect(await readsLeft(issueNumber)).toBe(1);
    expect(await reportState(world.server, reportId)).toEqual(before);

    // The hour is over: the read goes, GitHub's own state is applied, and its budget is recorded.
    await world.server.prisma.githubRateState.update({
      where: { key: rate.key },
      data: { coreResetAt: new Date(Date.now() - 1000) },
    });
    await waitForDeliveries(world);
    expect(await attempts()).toMatchObject({ status: 'processed' });
    expect(await readsLeft(issueNumber)).toBe(0);
    expect(await reportState(world.server, reportId)).toMatchObject({ issueState: 'open', fixedAt: null });
    const recorded = await world.server.prisma.githubRateState.findUniqueOrThrow({
      where: { key: rate.key },
      select: { coreRemaining: true },
    });
    expect(recorded.coreRemaining).toBeGreaterThan(250);
  });
});

describe('deliveries that disagree with themselves', () => {
  it("are refused when the repository and the issue's repository differ, and applied nowhere", async () => {
    const { reportId, issueNumber } = await linked();
    const issue = await emulatorIssue(issueNumber);
    const labeled = issuePayload({
      number: issueNumber,
      id: Number(issue!.id),
      state: 'open',
      labels: ['P0'],
      updatedAt: new Date(Date.parse(issue!.updated_at) + 30_000),
    });
    const { id } = await postWebhook(world.webhookUrl, {
      event: 'issues',
      payload: { action: 'labeled', issue: labeled, repository: { full_name: otherRepo } },
    });
    await waitForDeliveries(world);
    const delivery = await world.server.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id },
      select: { repo: true, status: true, outcome: true },
    });
    expect(delivery).toMatchObject({ repo: otherRepo, status: 'failed' });
    expect(delivery.outcome).toMatch(/repository\.full_name is acme\/elsewhere but issue\.repository_url is/);
    expect(await reportState(world.server, reportId)).toMatchObject({ priority: null, status: 'synced' });
  });

  it('are refused when a comment belongs to another issue than the one delivered with it', async () => {
    const { reportId, issueNumber } = await linked();
    const issue = await emulatorIssue(issueNumber);
    const comment = await gh().comment(programRepo, issueNumber, { login: engineer, body: 'Real words' });
    await settle(world);
    const { id } = await postWebhook(world.webhookUrl, {
      event: 'issue_comment',
      payload: {
        action: 'created',
        issue,
        // Said to belong to another issue, delivered with this one.
        comment: {
          ...comment,
          id: Number(comment.id) + 1000,
          body: 'Planted words',
          issue_url: comment.issue_url.replace(/\/\d+$/, `/${issueNumber + 1000}`),
        },
        repository: { full_name: programRepo },
      },
    });
    await waitForDeliveries(world);
    expect(
      await world.server.prisma.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { status: true } }),
    ).toEqual({ status: 'failed' });
    expect((await storedComments(reportId)).map((stored) => stored.body)).toEqual(['Real words']);
  });
});
