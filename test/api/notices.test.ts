import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDueDigests } from '../../api/notices/queue-due-digests.ts';
import { mvpActiveIn, publishTerms } from '../support/enrolment-fixtures.ts';
import {
  createCustomer,
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
import { signedInClient, testPassword } from '../support/test-server.ts';

// How finders are told what engineering did: the reporter, the co-finders (a "me too") and the
// finders of duplicates, each as they chose per kind of notice (at once, in a daily digest, or not
// at all). Engineering acts in the GitHub emulator, whose signed webhooks reach the real server.

// A digest period of seconds: long enough for a test to make its notices, short enough to wait for.
const digestHours = 0.002;
const digestMs = digestHours * 3_600_000;

let world: InboundWorld;
let programId: string;
let release: { id: string; programId: string };
const engineer = 'eng-octo';
const gh = () => world.emulator.control;
// Words of the linked report's reporter (createLinkedReport), which no one else may read.
const reportersWords = ['Edit offline, reconnect', 'Edits kept', 'Edits gone'];

beforeAll(async () => {
  world = await startInboundWorld({ env: { NOTICE_DIGEST_HOURS: String(digestHours) } });
  await gh().setAssociation(programRepo, engineer, 'COLLABORATOR');
  const made = await createProgramWithRelease(world.server);
  programId = made.program.id;
  release = { id: made.release.id, programId };
  // MVPs who say "me too" accept the program's terms first.
  await publishTerms(world.server, programId, 'Keep what you see to yourself.');
});
afterAll(() => world?.stop());

/** A customer who reported through the portal, with a session of their own. */
async function reporter() {
  const user = await createCustomer(world.server);
  const client = world.server.client({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` });
  const signedIn = await client.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
  expect(signedIn.status).toBe(200);
  return { user, client };
}

async function linkedReport(reporterId: string, title: string) {
  const made = await createLinkedReport(world, { programId, releaseId: release.id, reporterId, title });
  await settle(world);
  return made;
}

async function meToo(client: TestClient, reportId: string, note = '') {
  await bodyOf(await client.api.api.reports[':id']['me-too'].$post({ param: { id: reportId }, json: { note } }), 201);
}

function choose(client: TestClient, preferences: Record<string, string>) {
  return client.json('PUT', '/api/me/notice-preferences', { preferences });
}

async function act(change: () => Promise<unknown>) {
  await change();
  await settle(world);
}
const label = (issueNumber: number, labels: string[]) =>
  act(() => gh().updateIssue(programRepo, issueNumber, { login: engineer, labels }));
const comment = (issueNumber: number, body: string) =>
  act(() => gh().comment(programRepo, issueNumber, { login: engineer, body }));
const close = (issueNumber: number, stateReason: 'completed' | 'duplicate' = 'completed') =>
  act(() =>
    gh().updateIssue(programRepo, issueNumber, { login: engineer, state: 'closed', state_reason: stateReason }),
  );

const kindsTo = async (email: string) => (await messagesTo(world.server, email)).map((message) => message.kind);
const settings = () => ({ publicUrl: world.env.publicUrl, smtpConfigured: false });
const runDigests = (periodMs = 0) => queueDueDigests({ prisma: world.server.prisma, settings: settings(), periodMs });
const pendingOf = (userId: string) =>
  world.server.prisma.pendingNotice.findMany({
    where: { userId },
    select: { kind: true, reportId: true, summary: true, digestedAt: true },
    orderBy: { createdAt: 'asc' },
  });

describe('who is told', () => {
  it("co-finders get the triaged, comment and fixed notices as the reporter does, without the reporter's words", async () => {
    const owner = await reporter();
    const { reportId, issueNumber } = await linkedReport(owner.user.id, 'Sync loses edits made offline');
    const coFinder = await mvpActiveIn(world.server, release);
    await meToo(coFinder.client, reportId, 'Also on battery power');
    const staffFinder = await signedInClient(world.server, 'internal_tester', { programs: [programId] });
    await meToo(staffFinder.client, reportId);

    await label(issueNumber, ['P2']);
    await comment(issueNumber, 'Fixed in the next build, thanks!');
    await close(issueNumber);

    const expected = ['report-triaged', 'report-comment', 'report-fixed'];
    expect(await kindsTo(owner.user.email)).toEqual(expected);
    expect(await kindsTo(coFinder.user.email)).toEqual(expected);
    expect(await kindsTo(staffFinder.user.email)).toEqual(expected);

    const url = `${world.env.publicUrl}/reports/${reportId}`;
    for (const message of await messagesTo(world.server, coFinder.user.email)) {
      expect(message.text).toContain('the bug you found too');
      expect(message.text).toContain('"Sync loses edits made offline"');
      expect(message.text).toContain(url);
      expect(message.text).toContain(`Choose which e-mails you get: ${world.env.publicUrl}/profile#notices`);
      for (const words of [...reportersWords, owner.user.email, owner.user.name, engineer]) {
        expect(message.text).not.toContain(words);
        expect(message.subject).not.toContain(words);
      }
    }
    const [, commented] = await messagesTo(world.server, coFinder.user.email);
    expect(commented?.text).toContain('Engineering wrote');
    expect(commented?.text).toContain('> Fixed in the next build, thanks!');
    // Staff choose on their account page, and may see who wrote on GitHub.
    const staffMail = await messagesTo(world.server, staffFinder.user.email);
    expect(staffMail[1]?.text).toContain(`${engineer} from engineering wrote`);
    for (const message of staffMail) expect(message.text).toContain(`${world.env.publicUrl}/account#notices`);
  });

  it('the finders of duplicates are told when the canonical bug is fixed, by their own report', async () => {
    const first = await reporter();
    const canonical = await linkedReport(first.user.id, 'Crash when saving a large file');
    const second = await reporter();
    const duplicate = await linkedReport(second.user.id, 'Saving crashes');
    const coFinder = await mvpActiveIn(world.server, release);
    await meToo(coFinder.client, duplicate.reportId);

    await comment(duplicate.issueNumber, `Duplicate of #${canonical.issueNumber}`);
    await close(duplicate.issueNumber, 'duplicate');
    const linked = await world.server.prisma.report.findUniqueOrThrow({
      where: { id: duplicate.reportId },
      select: { duplicateOfId: true },
    });
    expect(linked.duplicateOfId).toBe(canonical.reportId);
    await close(canonical.issueNumber);

    expect(await kindsTo(first.user.email)).toEqual(['report-fixed']);
    for (const finder of [second.user, coFinder.user]) {
      const mail = await messagesTo(world.server, finder.email);
      const fixed = mail.filter((message) => message.kind === 'report-fixed');
      expect(fixed).toHaveLength(1);
      expect(fixed[0]?.text).toContain('the bug your report turned out to duplicate');
      expect(fixed[0]?.text).toContain(`${world.env.publicUrl}/reports/${duplicate.reportId}`);
      // Their own report, by its own title: nothing of the canonical one, another customer's.
      expect(fixed[0]?.text).toContain('"Saving crashes"');
      expect(fixed[0]?.text).not.toContain('Crash when saving a large file');
      expect(fixed[0]?.text).not.toContain(canonical.reportId);
    }
  });

  it('a kind set to off sends nothing to that person, while the others are told', async () => {
    const owner = await reporter();
    const { reportId, issueNumber } = await linkedReport(owner.user.id, 'Toolbar icons are blurry');
    const coFinder = await mvpActiveIn(world.server, release);
    await meToo(coFinder.client, reportId);
    await bodyOf(await choose(owner.client, { comment: 'off' }), 200);

    await comment(issueNumber, 'Which display scaling do you use?');

    expect(await kindsTo(owner.user.email)).toEqual([]);
    expect(await pendingOf(owner.user.id)).toEqual([]);
    expect(await kindsTo(coFinder.user.email)).toEqual(['report-comment']);
  });
});

describe('daily digests', () => {
  it('daily sends nothing at once; after the period one digest gathers the notices, grouped by report', async () => {
    const owner = await reporter();
    await bodyOf(await choose(owner.client, { triaged: 'daily', comment: 'daily', fixed: 'daily' }), 200);
    const one = await linkedReport(owner.user.id, 'Printing skips the last page');
    const two = await linkedReport(owner.user.id, 'Zoom resets on every tab');

    await label(one.issueNumber, ['P1']);
    await comment(one.issueNumber, 'Reproduced on our side.');
    await label(two.issueNumber, ['P3']);

    expect(await kindsTo(owner.user.email)).toEqual([]);
    expect((await pendingOf(owner.user.id)).map((notice) => [notice.kind, notice.digestedAt])).toEqual([
      ['triaged', null],
      ['comment', null],
      ['triaged', null],
    ]);

    // The server's own digest loop sends it once the oldest notice is a period old.
    const until = Date.now() + digestMs + 15_000;
    while ((await kindsTo(owner.user.email)).length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const mail = await messagesTo(world.server, owner.user.email);
    expect(mail.map((message) => message.kind)).toEqual(['notice-digest']);
    const digest = mail[0]!;
    expect(digest.subject).toBe('Your daily digest: 3 updates on 2 bugs');
    const text = digest.text;
    expect(text).toContain(`Hello ${owner.user.name},`);
    const first = text.indexOf('"Printing skips the last page"');
    const second = text.indexOf('"Zoom resets on every tab"');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    const firstGroup = text.slice(first, second);
    expect(firstGroup).toContain('Triaged at P1: Printing skips the last page');
    expect(firstGroup).toContain('Engineering wrote: Printing skips the last page');
    expect(firstGroup).toContain(`${world.env.publicUrl}/reports/${one.reportId}`);
    expect(text.slice(second)).toContain('Triaged at P3: Zoom resets on every tab');
    expect(text).toContain(`Choose which e-mails you get: ${world.env.publicUrl}/profile#notices`);
    expect((await pendingOf(owner.user.id)).every((notice) => notice.digestedAt !== null)).toBe(true);

    // What comes after goes into the next digest, not at once.
    await close(one.issueNumber);
    expect(await kindsTo(owner.user.email)).toEqual(['notice-digest']);
    expect((await pendingOf(owner.user.id)).filter((notice) => notice.digestedAt === null)).toHaveLength(1);
  });

  it('several digest runs at once queue one digest', async () => {
    const owner = await reporter();
    await bodyOf(await choose(owner.client, { triaged: 'daily' }), 200);
    for (const title of ['Dark mode flickers', 'Fonts look thin']) {
      const { issueNumber } = await linkedReport(owner.user.id, title);
      await label(issueNumber, ['P2']);
    }
    expect(await pendingOf(owner.user.id)).toHaveLength(2);

    // Four at once, and the server's own loop may take part too: whoever wins, one digest.
    await Promise.all([runDigests(), runDigests(), runDigests(), runDigests()]);

    const mail = await messagesTo(world.server, owner.user.email);
    expect(mail.map((message) => message.kind)).toEqual(['notice-digest']);
    expect(mail[0]?.text).toContain('Triaged at P2: Dark mode flickers');
    expect(mail[0]?.text).toContain('Triaged at P2: Fonts look thin');
    expect((await pendingOf(owner.user.id)).every((notice) => notice.digestedAt !== null)).toBe(true);
  });

  it('a notice is not gathered before the period has passed', async () => {
    const owner = await reporter();
    await bodyOf(await choose(owner.client, { triaged: 'daily' }), 200);
    const { issueNumber } = await linkedReport(owner.user.id, 'Ruler units are wrong');
    await label(issueNumber, ['P2']);
    await runDigests(60 * 60_000);
    expect(await kindsTo(owner.user.email)).toEqual([]);
    expect((await pendingOf(owner.user.id))[0]?.digestedAt).toBeNull();
    await runDigests();
    expect(await kindsTo(owner.user.email)).toEqual(['notice-digest']);
  });

  it('leaves out a deleted report and a kind turned off since, and sends a disabled account none', async () => {
    const owner = await reporter();
    await bodyOf(await choose(owner.client, { triaged: 'daily', comment: 'daily' }), 200);
    const kept = await linkedReport(owner.user.id, 'Export keeps hidden layers');
    const deleted = await linkedReport(owner.user.id, 'Deleted later');
    await label(kept.issueNumber, ['P2']);
    await comment(kept.issueNumber, 'Looking into it.');
    await label(deleted.issueNumber, ['P2']);
    await world.server.prisma.report.delete({ where: { id: deleted.reportId } });
    await bodyOf(await choose(owner.client, { comment: 'off' }), 200);

    const disabled = await reporter();
    await bodyOf(await choose(disabled.client, { triaged: 'daily' }), 200);
    const theirs = await linkedReport(disabled.user.id, 'Disabled reporter');
    await label(theirs.issueNumber, ['P2']);
    await world.server.prisma.user.update({ where: { id: disabled.user.id }, data: { disabledAt: new Date() } });

    await runDigests();

    const mail = await messagesTo(world.server, owner.user.email);
    expect(mail.map((message) => message.kind)).toEqual(['notice-digest']);
    expect(mail[0]?.subject).toBe('Your daily digest: 1 update on 1 bug');
    expect(mail[0]?.text).toContain('Triaged at P2: Export keeps hidden layers');
    expect(mail[0]?.text).not.toContain('Deleted later');
    expect(mail[0]?.text).not.toContain('Engineering wrote');
    expect(await kindsTo(disabled.user.email)).toEqual([]);
    for (const userId of [owner.user.id, disabled.user.id]) {
      expect((await pendingOf(userId)).every((notice) => notice.digestedAt !== null)).toBe(true);
    }
  });
});

describe('preferences', () => {
  it('lists every kind, immediate until chosen, each with a description', async () => {
    const { client } = await mvpActiveIn(world.server, release);
    const { items } = await bodyOf(await client.api.api.me['notice-preferences'].$get(), 200);
    expect(items.map((item) => [item.kind, item.delivery])).toEqual([
      ['triaged', 'immediate'],
      ['needs_info', 'immediate'],
      ['comment', 'immediate'],
      ['fixed', 'immediate'],
      ['closed', 'immediate'],
      ['verification', 'immediate'],
    ]);
    for (const item of items) {
      expect(item.label).not.toBe('');
      expect(item.description).not.toBe('');
    }
  });

  it('changes only the kinds named and answers the full list; staff choose too', async () => {
    for (const role of ['mvp', 'engineer'] as const) {
      const { client } = await signedInClient(world.server, role);
      const put = (preferences: Record<string, 'immediate' | 'daily' | 'off'>) =>
        client.api.api.me['notice-preferences'].$put({ json: { preferences } });
      await bodyOf(await put({ comment: 'daily', closed: 'off' }), 200);
      const changed = await bodyOf(await put({ closed: 'immediate', verification: 'off' }), 200);
      const read = await bodyOf(await client.api.api.me['notice-preferences'].$get(), 200);
      expect(read).toEqual(changed);
      expect(Object.fromEntries(read.items.map((item) => [item.kind, item.delivery]))).toEqual({
        triaged: 'immediate',
        needs_info: 'immediate',
        comment: 'daily',
        fixed: 'immediate',
        closed: 'immediate',
        verification: 'off',
      });
      expect((await bodyOf(await put({}), 200)).items).toEqual(read.items);
    }
  });

  it.each([
    ['an unknown kind', { preferences: { weekly: 'daily' } }, 'preferences.weekly'],
    ['an unknown delivery', { preferences: { triaged: 'weekly' } }, 'preferences.triaged'],
    ['a NUL in a delivery', { preferences: { triaged: 'dai\u0000ly' } }, 'preferences.triaged'],
    ['a NUL in a kind', { preferences: { 'tri\u0000aged': 'daily' } }, 'preferences.tri\u0000aged'],
    ['a field of its own', { preferences: {}, userId: '01900000-0000-7000-8000-000000000000' }, 'userId'],
    ['no preferences', {}, 'preferences'],
    ['preferences that are not an object', { preferences: ['daily'] }, 'preferences'],
  ])('refuses %s with 400 naming the field, and changes nothing', async (_, body, field) => {
    const { user, client } = await mvpActiveIn(world.server, release);
    const response = await client.json('PUT', '/api/me/notice-preferences', body);
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([field]);
    expect(await world.server.prisma.noticePreference.count({ where: { userId: user.id } })).toBe(0);
  });

  it("are each person's own: no MVP reads or changes another's", async () => {
    const one = await mvpActiveIn(world.server, release);
    const sameRelease = await mvpActiveIn(world.server, release);
    const other = await createProgramWithRelease(world.server);
    await publishTerms(world.server, other.program.id, 'Other terms.');
    const otherProgram = await mvpActiveIn(world.server, { id: other.release.id, programId: other.program.id });
    await bodyOf(await choose(one.client, { triaged: 'off', comment: 'off', fixed: 'daily' }), 200);

    for (const them of [sameRelease, otherProgram]) {
      const theirs = await bodyOf(await them.client.api.api.me['notice-preferences'].$get(), 200);
      expect(theirs.items.every((item) => item.delivery === 'immediate')).toBe(true);
      // There is no address for someone else's choices, and a body cannot name whose they are.
      const elsewhere = await them.client.request(`/api/users/${one.user.id}/notice-preferences`);
      expect(elsewhere.status).toBe(404);
      const named = await them.client.json('PUT', '/api/me/notice-preferences', {
        userId: one.user.id,
        preferences: { triaged: 'immediate' },
      });
      expect(named.status).toBe(400);
    }
    const mine = await bodyOf(await one.client.api.api.me['notice-preferences'].$get(), 200);
    expect(mine.items.find((item) => item.kind === 'triaged')?.delivery).toBe('off');
  });

  it('need a session', async () => {
    const anonymous = world.server.client();
    expect((await anonymous.api.api.me['notice-preferences'].$get()).status).toBe(401);
    expect((await choose(anonymous, { triaged: 'off' })).status).toBe(401);
  });
});
