import { describe, expect, it } from 'vitest';
import {
  closeAsDuplicateByRest,
  commentAndCloseAsDuplicate,
  createCustomer,
  createLinkedReport,
  createProgramWithRelease,
  eventKinds,
  expectOne,
  messagesTo,
  otherRepo,
  programRepo,
  reportState,
  settle,
  triageWorld,
} from '../support/github-inbound-fixtures.ts';
import { bodyOf } from '../support/problem.ts';
import { signedInClient } from '../support/test-server.ts';

// Engineering's triage on GitHub flowing back: the emulator acts as people in GitHub's UI and
// sends signed webhooks to the real server; the inbound loop applies them.

const engineer = 'eng-octo';
const world = triageWorld(engineer);
const { linked } = world;
const gh = () => world.emulator.control;
/** The report's state, read back for assertions. */
const stateOf = (report: { reportId: string }) => reportState(world.server, report.reportId);

describe('labels and state', () => {
  it('a priority label triages the report, on its timeline, and tells the reporter once', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['fieldtest', 'P1'] });
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ status: 'triaged', priority: 'P1', issueState: 'open' });
    expect(state.triagedAt).toBeInstanceOf(Date);
    // One label change, one entry: "triaged" says the level and the status it brought.
    expect(state.events.map((event) => [event.kind, event.data])).toEqual([
      ['triaged', { priority: 'P1', from: 'synced' }],
    ]);
    const mail = await messagesTo(world.server, world.customer.email);
    const notice = expectOne(mail, (message) => message.kind === 'report-triaged');
    expect(notice.text).toContain(`${world.env.publicUrl}/reports/${reportId}`);
    expect(notice.text).toContain('priority P1');
  });

  it('the highest level among the labels wins, matched without regard to case', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['p2', 'Priority: Critical'] });
    await settle(world);
    expect(await reportState(world.server, reportId)).toMatchObject({ priority: 'P0', status: 'triaged' });
  });

  it('a level below the threshold is triaged for the finders, and counts nowhere in the metric', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['P3'] });
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ priority: 'P3', status: 'triaged', triagedAt: null });
    expect(state.prioritisedAt).not.toBeNull();
    const notice = expectOne(
      await messagesTo(world.server, world.customer.email),
      (message) => message.kind === 'report-triaged',
    );
    expect(notice.subject).toContain('P3');
  });

  it('removing the priority label sets the priority back to none and keeps triagedAt', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['P0'] });
    await settle(world);
    const triaged = await reportState(world.server, reportId);
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: [] });
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ priority: null, status: 'synced', triagedAt: triaged.triagedAt, issueLabels: [] });
    expect(state.triagedAt).not.toBeNull();
    // One label removed, one entry saying both what the status and the priority became.
    expect(state.events.at(-2)?.kind).toBe('triaged');
    expect(state.events.at(-1)).toMatchObject({
      kind: 'status_changed',
      data: { from: 'triaged', to: 'synced', priorityFrom: 'P0', priorityTo: null },
    });
  });

  it('closed as completed: fixed at the close time, and the reporter is told', async () => {
    const { reportId, issueNumber } = await linked();
    const closed = await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'closed' });
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ status: 'fixed', issueState: 'closed', issueStateReason: 'completed' });
    expect(state.fixedAt?.toISOString()).toBe(new Date(closed.closed_at!).toISOString());
    expectOne(await messagesTo(world.server, world.customer.email), (message) => message.kind === 'report-fixed');
  });

  it('closed as not planned', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'closed', state_reason: 'not_planned' });
    await settle(world);
    expect(await reportState(world.server, reportId)).toMatchObject({ status: 'not_planned', fixedAt: null });
    const mail = await messagesTo(world.server, world.customer.email);
    expect(mail.map((message) => message.kind)).toEqual(['report-not-planned']);
  });

  it('reopened: back to synced, fixedAt cleared', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'closed' });
    await settle(world);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'open' });
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ status: 'synced', fixedAt: null, issueState: 'open', issueStateReason: 'reopened' });
    expect(state.events.filter((event) => event.kind === 'status_changed').map((event) => event.data)).toEqual([
      { from: 'synced', to: 'fixed', stateReason: 'completed' },
      { from: 'fixed', to: 'synced', stateReason: 'reopened' },
    ]);
  });

  it('close and reopen arriving in reverse order end open', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().setWebhookMode('hold');
    try {
      await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'closed' });
      await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'open' });
      await gh().flushWebhooks('reverse');
    } finally {
      await gh().setWebhookMode('deliver');
    }
    await settle(world);
    const held = (await gh().deliveries()).filter(
      (delivery) => delivery.repo === programRepo && delivery.issueNumber === issueNumber,
    );
    expect(held.filter((delivery) => delivery.action === 'closed' || delivery.action === 'reopened')).toHaveLength(2);
    expect(await reportState(world.server, reportId)).toMatchObject({
      status: 'synced',
      issueState: 'open',
      issueStateReason: 'reopened',
      fixedAt: null,
    });
  });

  it('reopen and close arriving in reverse order end closed, fixed at the second close', async () => {
    const { reportId, issueNumber } = await linked();
    let closedAgain: Awaited<ReturnType<ReturnType<typeof gh>['updateIssue']>> | undefined;
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'closed' });
    await settle(world);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await gh().setWebhookMode('hold');
    try {
      await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'open', labels: ['P1'] });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      closedAgain = await gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'closed' });
      await gh().flushWebhooks('reverse');
    } finally {
      await gh().setWebhookMode('deliver');
    }
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ status: 'fixed', issueState: 'closed', priority: 'P1' });
    // The older deliveries were dropped as stale: the report never showed the intermediate reopen.
    expect(state.events.filter((event) => event.kind === 'status_changed')).toHaveLength(1);
    // Fixed when it was closed for good, not at the first close the reopen undid.
    expect(state.fixedAt?.toISOString()).toBe(new Date(closedAgain!.closed_at!).toISOString());
  });

  it('a needs-info label tells the reporter once', async () => {
    const { issueNumber } = await linked();
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['needs info'] });
    await settle(world);
    await gh().updateIssue(programRepo, issueNumber, { login: engineer, labels: ['needs info', 'P3'] });
    await settle(world);
    expectOne(await messagesTo(world.server, world.customer.email), (message) => message.kind === 'report-needs-info');
  });
});

describe('comments', () => {
  it("engineering's comment appears on the reporter's timeline, and the reporter is told exactly once", async () => {
    const { reportId, issueNumber } = await linked();
    const comment = await gh().comment(programRepo, issueNumber, {
      login: engineer,
      body: 'Which build are you on?',
    });
    await settle(world);
    const deliveryId = (await gh().deliveries()).findLast((delivery) => delivery.event === 'issue_comment')!.id;
    await gh().redeliver(deliveryId);
    await settle(world);

    // The reporter reads their report through the portal's API.
    const timeline = await world.reporterTimeline(reportId);
    expect(timeline.filter((entry) => entry.text === 'Which build are you on?')).toHaveLength(1);
    const stored = await world.server.prisma.reportComment.findMany({
      where: { reportId },
      select: { visibility: true, body: true, authorLogin: true, authorAssociation: true, githubCommentId: true },
    });
    expect(stored).toEqual([
      {
        visibility: 'public',
        body: 'Which build are you on?',
        authorLogin: engineer,
        authorAssociation: 'COLLABORATOR',
        githubCommentId: BigInt(comment.id),
      },
    ]);
    expect(eventKinds(await reportState(world.server, reportId))).toEqual(['comment']);
    const notice = expectOne(
      await messagesTo(world.server, world.customer.email),
      (message) => message.kind === 'report-comment',
    );
    expect(notice.text).toContain('> Which build are you on?');
    expect(notice.text).toContain(`/reports/${reportId}`);
  });

  it('an edited comment is updated, a deleted one removed', async () => {
    const { reportId, issueNumber } = await linked();
    const comment = await gh().comment(programRepo, issueNumber, { login: engineer, body: 'First words' });
    await settle(world);
    await gh().editComment(programRepo, comment.id, { login: engineer, body: 'Better words' });
    await settle(world);
    expect(await world.server.prisma.reportComment.findMany({ where: { reportId }, select: { body: true } })).toEqual([
      { body: 'Better words' },
    ]);
    await gh().deleteComment(programRepo, comment.id, engineer);
    await settle(world);
    expect(await world.server.prisma.reportComment.count({ where: { reportId } })).toBe(0);
  });

  it("Fieldtest's own comment (with its marker) links to the portal comment instead of coming back twice", async () => {
    const { reportId, issueNumber } = await linked();
    const portal = await world.server.prisma.reportComment.create({
      data: { reportId, authorId: world.customer.id, visibility: 'public', body: 'It happens on Wi-Fi too' },
      select: { id: true },
    });
    const { commentMarker } = await import('../../api/github-sync/client/github.schemas.ts');
    const posted = await gh().comment(programRepo, issueNumber, {
      login: 'fieldtest-bot',
      body: `**handle** wrote:\n\nIt happens on Wi-Fi too\n\n${commentMarker(portal.id)}`,
    });
    await settle(world);
    expect(
      await world.server.prisma.reportComment.findMany({
        where: { reportId },
        select: { id: true, githubCommentId: true },
      }),
    ).toEqual([{ id: portal.id, githubCommentId: BigInt(posted.id) }]);
    expect(await messagesTo(world.server, world.customer.email)).toEqual([]);
  });
});

/** A report and a later one of the same bug (its duplicate), each linked to its issue, in that order. */
async function linkedPair(canonicalTitle: string, duplicateTitle: string) {
  const canonical = await linked(canonicalTitle);
  return [canonical, await linked(duplicateTitle)] as const;
}

/** Reopened by engineering a second later, so that GitHub's updated_at (whole seconds) is newer. */
async function reopenLater(issue: { issueNumber: number }) {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await gh().updateIssue(programRepo, issue.issueNumber, { login: engineer, state: 'open' });
}

/** The report is marked a duplicate of the canonical one, the link on its timeline with the issue's number. */
async function expectDuplicateOf(
  duplicate: { reportId: string },
  canonical: { reportId: string; issueNumber: number },
) {
  const state = await stateOf(duplicate);
  expect(state).toMatchObject({ status: 'duplicate', duplicateOfId: canonical.reportId });
  expect(state.events.find((event) => event.kind === 'duplicate_of')?.data).toMatchObject({
    reportId: canonical.reportId,
    issueNumber: canonical.issueNumber,
  });
}

describe('duplicates', () => {
  it('"Duplicate of #N" written before closing as duplicate links the report to the canonical one', async () => {
    const [canonical, duplicate] = await linkedPair('Crash when saving', 'Saving crashes');
    await commentAndCloseAsDuplicate(world, engineer, duplicate, canonical);
    await settle(world);
    await expectDuplicateOf(duplicate, canonical);
  });

  it('a "Duplicate of #N" comment arriving after the close links too', async () => {
    const [canonical, duplicate] = await linkedPair('Crash when printing', 'Printing crashes');
    await closeAsDuplicateByRest(world, engineer, duplicate.issueNumber);
    await settle(world);
    expect(await stateOf(duplicate)).toMatchObject({ status: 'duplicate', duplicateOfId: null });
    await gh().comment(programRepo, duplicate.issueNumber, {
      login: engineer,
      body: `Closing: duplicate of #${canonical.issueNumber}.`,
    });
    await settle(world);
    expect(await stateOf(duplicate)).toMatchObject({
      duplicateOfId: canonical.reportId,
    });
  });

  it('a canonical issue opened on GitHub and not yet known is imported to link to', async () => {
    const duplicate = await linked('Export hangs');
    await gh().setWebhookMode('drop');
    let canonical: { number: number };
    try {
      canonical = await gh().openIssue(programRepo, { login: engineer, title: 'Export hangs on large files' });
    } finally {
      await gh().setWebhookMode('deliver');
    }
    await commentAndCloseAsDuplicate(world, engineer, duplicate, { issueNumber: canonical.number });
    await settle(world);
    const imported = await world.server.prisma.report.findUniqueOrThrow({
      where: { issueRepo_issueNumber: { issueRepo: programRepo, issueNumber: canonical.number } },
      select: { id: true, source: true, reporterLogin: true },
    });
    expect(imported).toMatchObject({ source: 'internal', reporterLogin: engineer });
    expect(await stateOf(duplicate)).toMatchObject({ duplicateOfId: imported.id });
  });

  it('reopening a duplicate clears the link', async () => {
    const [canonical, duplicate] = await linkedPair('Crash on launch', 'Launch crashes');
    await commentAndCloseAsDuplicate(world, engineer, duplicate, canonical);
    await settle(world);
    await reopenLater(duplicate);
    await settle(world);
    expect(await stateOf(duplicate)).toMatchObject({ status: 'synced', duplicateOfId: null });
  });

  it("GitHub's Close as duplicate, with no comment, links the report to the original it records", async () => {
    const [canonical, duplicate] = await linkedPair('Toolbar icons vanish', 'Icons gone from the toolbar');
    await gh().closeAsDuplicate(programRepo, duplicate.issueNumber, { login: engineer, of: canonical.issueNumber });
    await settle(world);
    expect(await gh().comments(programRepo, duplicate.issueNumber)).toEqual([]);
    await expectDuplicateOf(duplicate, canonical);
  });

  it('an issue opened on GitHub and closed as duplicate before Fieldtest heard of it is imported linked', async () => {
    const canonical = await linked('Search misses accented words');
    await gh().setWebhookMode('hold');
    let direct: { number: number };
    try {
      direct = await gh().openIssue(programRepo, { login: 'qa-octo', title: 'Search ignores accents' });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await gh().closeAsDuplicate(programRepo, direct.number, { login: engineer, of: canonical.issueNumber });
      // The close arrives first: the import is of a duplicate, whose original is on GitHub's timeline.
      await gh().flushWebhooks('reverse');
    } finally {
      await gh().setWebhookMode('deliver');
    }
    await settle(world);
    const imported = await world.server.prisma.report.findUniqueOrThrow({
      where: { issueRepo_issueNumber: { issueRepo: programRepo, issueNumber: direct.number } },
      select: { id: true, status: true, duplicateOfId: true },
    });
    expect(imported).toMatchObject({ status: 'duplicate', duplicateOfId: canonical.reportId });
  });

  it('a close as duplicate that records no original leaves the report unlinked and out of the figures', async () => {
    const own = await createProgramWithRelease(world.server);
    const file = (title: string) =>
      createLinkedReport(world, {
        programId: own.program.id,
        releaseId: own.release.id,
        reporterId: world.customer.id,
        title,
      });
    const kept = await file('Sync stalls at 99%');
    const closed = await file('Sync stalls near the end');
    await settle(world);
    for (const report of [kept, closed]) {
      await gh().updateIssue(programRepo, report.issueNumber, { login: engineer, labels: ['fieldtest', 'P1'] });
    }
    // REST's PATCH with state_reason duplicate: GitHub closes it as duplicate of nothing in particular.
    await closeAsDuplicateByRest(world, engineer, closed.issueNumber);
    await settle(world);
    expect(await stateOf(closed)).toMatchObject({ status: 'duplicate', duplicateOfId: null });
    const { client: lead } = await signedInClient(world.server, 'admin');
    const stats = await bodyOf(await lead.api.api.releases[':id'].stats.$get({ param: { id: own.release.id } }), 200);
    expect({ clusters: stats.clusters, priority: stats.priority.clusters }).toEqual({ clusters: 2, priority: 1 });
  });

  it('a reopen ends the mark: closed as duplicate again without an original, the report is unlinked', async () => {
    const [canonical, duplicate] = await linkedPair('Fonts blurry', 'Blurry fonts after update');
    await commentAndCloseAsDuplicate(world, engineer, duplicate, canonical);
    await settle(world);
    expect(await stateOf(duplicate)).toMatchObject({ duplicateOfId: canonical.reportId });
    await reopenLater(duplicate);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await closeAsDuplicateByRest(world, engineer, duplicate.issueNumber);
    await settle(world);
    expect(await stateOf(duplicate)).toMatchObject({ status: 'duplicate', duplicateOfId: null });
  });

  it('reads the original outside the delivery: a duplicate close is applied while GitHub is down, linked when it is back', async () => {
    const [canonical, duplicate] = await linkedPair('Crash on resume', 'Resume crashes');
    await gh().setOutage(true);
    try {
      await gh().closeAsDuplicate(programRepo, duplicate.issueNumber, { login: engineer, of: canonical.issueNumber });
      await settle(world);
      // GitHub could not be asked and no comment names it: closed as duplicate, not linked yet.
      expect(await stateOf(duplicate)).toMatchObject({ status: 'duplicate', duplicateOfId: null });
    } finally {
      await gh().setOutage(false);
    }
    await gh().updateIssue(programRepo, duplicate.issueNumber, { login: engineer, labels: ['fieldtest', 'P2'] });
    await settle(world);
    expect(await stateOf(duplicate)).toMatchObject({ duplicateOfId: canonical.reportId });
  });
});

describe('moved and deleted issues', () => {
  it('a transferred issue takes its report along', async () => {
    const { reportId, issueNumber } = await linked();
    const moved = await gh().transferIssue(programRepo, issueNumber, { login: engineer, to: otherRepo });
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ issueRepo: otherRepo, issueNumber: moved.number, issueUrl: moved.html_url });
    expect(state.events.find((event) => event.kind === 'moved')?.data).toMatchObject({
      fromRepo: programRepo,
      fromNumber: issueNumber,
      toRepo: otherRepo,
      toNumber: moved.number,
    });
    // Later changes in the new repository still reach the report.
    await gh().updateIssue(otherRepo, moved.number, { login: engineer, labels: ['P1'] });
    await settle(world);
    expect(await reportState(world.server, reportId)).toMatchObject({ priority: 'P1', status: 'triaged' });
  });

  it('a deleted issue leaves its report not planned, marked deleted', async () => {
    const { reportId, issueNumber } = await linked();
    await gh().deleteIssue(programRepo, issueNumber, engineer);
    await settle(world);
    const state = await reportState(world.server, reportId);
    expect(state).toMatchObject({ status: 'not_planned' });
    expect(state.issueDeletedAt).toBeInstanceOf(Date);
    expect(eventKinds(state)).toEqual(['deleted']);
  });
});

describe('issues opened directly on GitHub', () => {
  it('become internal reports with the login, creation time and release of the issue', async () => {
    const issue = await gh().openIssue(programRepo, {
      login: 'tester-octo',
      title: 'Toolbar icons blurry',
      body: 'Open the app on a 4K screen.',
      labels: [`release: ${world.release.version}`, 'P1'],
    });
    await settle(world);
    const report = await world.server.prisma.report.findUniqueOrThrow({
      where: { issueRepo_issueNumber: { issueRepo: programRepo, issueNumber: issue.number } },
      select: {
        source: true,
        reporterId: true,
        reporterLogin: true,
        title: true,
        steps: true,
        expected: true,
        actual: true,
        severity: true,
        environment: true,
        createdAt: true,
        releaseId: true,
        programId: true,
        priority: true,
        status: true,
        events: { select: { kind: true } },
      },
    });
    expect(report).toMatchObject({
      source: 'internal',
      reporterId: null,
      reporterLogin: 'tester-octo',
      title: 'Toolbar icons blurry',
      steps: 'Open the app on a 4K screen.',
      expected: '',
      actual: '',
      severity: null,
      environment: {},
      releaseId: world.release.id,
      programId: world.programId,
      priority: 'P1',
      status: 'triaged',
    });
    expect(report.createdAt.toISOString()).toBe(new Date(issue.created_at).toISOString());
    expect(report.events.map((event) => event.kind)).toContain('filed');
  });

  it("are the customer's when the login is an MVP's linked GitHub account", async () => {
    const linkedCustomer = await createCustomer(world.server, { githubLogin: 'Mvp-Octo' });
    const issue = await gh().openIssue(programRepo, { login: 'mvp-octo', title: 'Dark mode flickers' });
    await settle(world);
    const report = await world.server.prisma.report.findUniqueOrThrow({
      where: { issueRepo_issueNumber: { issueRepo: programRepo, issueNumber: issue.number } },
      select: { source: true, reporterId: true, reporterLogin: true },
    });
    expect(report).toEqual({ source: 'customer', reporterId: linkedCustomer.id, reporterLogin: 'mvp-octo' });
  });

  it('are imported once, however many deliveries name them', async () => {
    const issue = await gh().openIssue(programRepo, {
      login: 'tester-octo',
      title: 'Tooltips cut off',
      labels: ['P2', 'ui', 'needs info'],
    });
    await gh().comment(programRepo, issue.number, { login: engineer, body: 'Seen it too' });
    await settle(world);
    expect(
      await world.server.prisma.report.count({ where: { issueRepo: programRepo, issueNumber: issue.number } }),
    ).toBe(1);
  });
});
