import { randomUUID } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedPath } from '../../api/attachments/attachment-files.ts';
import type { Attachment } from '../../api/attachments/attachments.schemas.ts';
import { purgeExpiredAttachments } from '../../api/attachments/purge-expired-attachments.ts';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { browser } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { syncFixtures } from '../support/sync-outbound-fixtures.ts';
import { signedInClient, startTestServer, type TestServer, testPassword } from '../support/test-server.ts';

// A customer's data rights through the API: the archive of everything held about them (theirs
// only), erasure (figures and GitHub issues unchanged, identity gone), the same at a program lead's
// hand, and the retention period that purges files of shipped releases.

const timeScale = 60;
let server: TestServer;
let emulator: GithubEmulator;
let dir: string;
let lead: TestClient;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldtest-data-rights-'));
  [server, emulator] = await Promise.all([
    startTestServer({ SYNC_WORKER: 'false', ATTACHMENTS_DIR: dir }),
    startGithubEmulator({ timeScale }),
  ]);
  lead = (await signedInClient(server, 'admin')).client;
});
afterAll(async () => {
  await Promise.all([server?.stop(), emulator?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const { setUp, mvpOf, fileReport, startWorker, untilLinked } = syncFixtures({
  server: () => server,
  emulator: () => emulator,
  timeScale,
});

/** A PNG of its own content (so each upload is a file of its own on disk). */
function png(tag: string): Uint8Array<ArrayBuffer> {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const bytes = new Uint8Array(64 + tag.length);
  bytes.set(signature);
  bytes.set(new TextEncoder().encode(tag), 16);
  return bytes;
}

async function upload(client: TestClient, bytes: Uint8Array<ArrayBuffer>, fileName: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), fileName);
  const response = await client.request('/api/attachments', { method: 'POST', body: form });
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status: 201 });
  return body as Attachment;
}

/**
 * Two MVPs of one release (Alice and Bob, each with a report and a file, Alice saying "me too" to
 * Bob's report, commenting and choosing notices) and Carol in another program's release.
 */
async function world() {
  const tag = randomUUID().slice(0, 8);
  const { repo, programId, release } = await setUp();
  const alice = await mvpOf(release);
  const bob = await mvpOf(release);
  const other = await setUp();
  const carol = await mvpOf(other.release);

  const aliceBytes = png(`alice-${tag}`);
  const aliceFile = await upload(alice.client, aliceBytes, 'alice screen.png');
  const aliceReport = await fileReport(alice.client, release.id, {
    title: `Alice's crash ${tag}`,
    steps: `ALICE-STEPS-${tag}`,
    attachmentIds: [aliceFile.id],
  });
  const bobFile = await upload(bob.client, png(`bob-${tag}`), 'bob screen.png');
  const bobReport = await fileReport(bob.client, release.id, {
    title: `Bob's freeze ${tag}`,
    steps: `BOB-STEPS-${tag}`,
    expected: `BOB-EXPECTED-${tag}`,
    attachmentIds: [bobFile.id],
  });
  const meTooFile = await upload(alice.client, png(`alice-me-too-${tag}`), 'me too.png');
  await bodyOf(
    await alice.client.api.api.reports[':id']['me-too'].$post({
      param: { id: bobReport.id },
      json: { note: `ALICE-NOTE-${tag}`, attachmentIds: [meTooFile.id] },
    }),
    201,
  );
  await bodyOf(
    await alice.client.api.api.reports[':id'].comments.$post({
      param: { id: aliceReport.id },
      json: { body: `ALICE-COMMENT-${tag}` },
    }),
    201,
  );
  await bodyOf(
    await alice.client.api.api.me['notice-preferences'].$put({ json: { preferences: { comment: 'daily' } } }),
    200,
  );
  const carolFile = await upload(carol.client, png(`carol-${tag}`), 'carol.png');
  const carolReport = await fileReport(carol.client, other.release.id, {
    steps: `CAROL-STEPS-${tag}`,
    attachmentIds: [carolFile.id],
  });
  return {
    tag,
    repo,
    programId,
    release,
    other,
    alice,
    bob,
    carol,
    aliceBytes,
    aliceFile,
    bobFile,
    meTooFile,
    aliceReport,
    bobReport,
    carolFile,
    carolReport,
  };
}

async function archiveOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/zip');
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="fieldtest-data-\d{4}-\d{2}-\d{2}\.zip"$/,
  );
  const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const text = new TextDecoder().decode(entries['data.json']);
  return { entries, text, data: JSON.parse(text) };
}

const exportMine = (client: TestClient) => client.request('/api/account/export');
const eraseMine = (client: TestClient, body: unknown) =>
  client.request('/api/account/erase', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** The statistics as served, byte for byte, but for the moment they were computed at. */
const statsText = async (path: string) => {
  const response = await lead.request(path);
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/"computedAt":"[^"]+"/);
  return text.replace(/"computedAt":"[^"]+"/, '"computedAt":"…"');
};
/** Engineering triages both customers' reports at P0, so the figures count them. */
const triage = (...ids: string[]) =>
  server.prisma.report.updateMany({
    where: { id: { in: ids } },
    data: { status: 'triaged', priority: 'P0', issueLabels: ['P0'], triagedAt: new Date(), prioritisedAt: new Date() },
  });
const fileExists = (sha256: string) =>
  access(storedPath(dir, sha256)).then(
    () => true,
    () => false,
  );

describe('the archive of your data', () => {
  it('holds your account, reports, "me too" entries, comments, preferences and files, and nobody else\'s', async () => {
    const w = await world();
    const { data, text, entries } = await archiveOf(await exportMine(w.alice.client));

    expect(data.account).toMatchObject({ id: w.alice.user.id, email: w.alice.user.email, name: w.alice.user.name });
    expect(data.profile).toMatchObject({ handle: w.alice.handle, company: 'Secret Customer GmbH' });
    expect(data.enrolments).toHaveLength(1);
    expect(data.termsAccepted).toHaveLength(1);
    expect(data.reports.map((report: { id: string }) => report.id)).toEqual([w.aliceReport.id]);
    expect(data.reports[0]).toMatchObject({ steps: `ALICE-STEPS-${w.tag}`, meTooCount: 0 });
    // Of Bob's report: Alice's own entry and the public summary only.
    expect(data.meToo).toEqual([
      expect.objectContaining({
        note: `ALICE-NOTE-${w.tag}`,
        report: expect.objectContaining({ id: w.bobReport.id, title: `Bob's freeze ${w.tag}`, meTooCount: 1 }),
      }),
    ]);
    expect(Object.keys(data.meToo[0].report).sort()).toEqual(
      ['id', 'meTooCount', 'priority', 'release', 'reportedAt', 'status', 'title'].sort(),
    );
    expect(data.comments.map((comment: { body: string }) => comment.body)).toEqual([`ALICE-COMMENT-${w.tag}`]);
    expect(data.noticePreferences).toEqual([{ kind: 'comment', delivery: 'daily' }]);
    expect(data.attachments.map((file: { id: string }) => file.id).sort()).toEqual(
      [w.aliceFile.id, w.meTooFile.id].sort(),
    );

    const files = Object.keys(entries).filter((name) => name.startsWith('files/'));
    expect(files).toHaveLength(2);
    const own = data.attachments.find((file: { id: string }) => file.id === w.aliceFile.id);
    expect(own.archivePath).toBe(`files/${w.aliceFile.id}-alice screen.png`);
    expect(Buffer.from(entries[own.archivePath]!).equals(Buffer.from(w.aliceBytes))).toBe(true);

    for (const foreign of [
      `BOB-STEPS-${w.tag}`,
      `BOB-EXPECTED-${w.tag}`,
      w.bob.user.email,
      w.bob.user.name,
      w.bob.handle,
      w.bobFile.id,
      `CAROL-STEPS-${w.tag}`,
      w.carol.user.email,
      w.carolReport.id,
    ])
      expect(text, foreign).not.toContain(foreign);
  });

  it('is refused without a session', async () => {
    expect((await readProblem(await browser(server).request('/api/account/export'))).status).toBe(401);
  });
});

describe('erasing your account', () => {
  it('removes who you are, keeps the figures and the GitHub issue, and refuses your sign-in', async () => {
    const w = await world();
    const worker = await startWorker();
    try {
      await untilLinked(w.aliceReport.id);
      await untilLinked(w.bobReport.id);
    } finally {
      await worker.stop();
    }
    await triage(w.aliceReport.id, w.bobReport.id);
    const issuesBefore = JSON.stringify(await emulator.control.issues(w.repo));
    const programStats = `/api/programs/${w.programId}/stats`;
    const releaseStats = `/api/releases/${w.release.id}/stats`;
    const before = [await statsText(programStats), await statsText(releaseStats)];
    expect(before[0]).toContain('"priority":{"clusters":2,"customerFound":2');

    // An e-mail to her still held in the outbox, which must not outlive her account.
    await server.prisma.message.create({
      data: { to: w.alice.user.email, subject: 'Your report', text: 'Hello', kind: 'notice', status: 'held' },
    });
    const erased = await eraseMine(w.alice.client, { password: testPassword });
    const body = await erased.json();
    expect({ status: erased.status, body }).toMatchObject({
      status: 200,
      body: { id: w.alice.user.id, reportsKept: 1, filesRemoved: 2 },
    });
    expect(erased.headers.get('set-cookie')).toMatch(/Max-Age=0/i);

    expect([await statsText(programStats), await statsText(releaseStats)]).toEqual(before);
    expect(JSON.stringify(await emulator.control.issues(w.repo))).toBe(issuesBefore);

    expect((await w.alice.client.api.api.auth.me.$get()).status).toBe(401);
    const signIn = await browser(server).api.api.auth['sign-in'].$post({
      json: { email: w.alice.user.email, password: testPassword },
    });
    expect(signIn.status).toBe(401);

    const page = await bodyOf(await lead.api.api.reports[':id'].$get({ param: { id: w.aliceReport.id } }), 200);
    expect(page.view === 'full' && page.reporter.displayName).toBe('A former MVP');
    expect(page.view === 'full' && page.attachments).toEqual([expect.objectContaining({ removed: true })]);
    const bobsPage = await bodyOf(await lead.api.api.reports[':id'].$get({ param: { id: w.bobReport.id } }), 200);
    expect(bobsPage.view === 'full' && bobsPage.coFinders.map((finder) => finder.person.displayName)).toEqual([
      'A former MVP',
    ]);
    const cohort = await bodyOf(
      await lead.api.api.releases[':id'].cohort.$get({ param: { id: w.release.id }, query: {} }),
      200,
    );
    const member = cohort.items.find((item) => item.accountId === w.alice.user.id);
    expect(member).toMatchObject({ name: 'A former MVP', company: '' });
    expect(JSON.stringify(cohort)).not.toContain(w.alice.user.email);

    const problem = await readProblem(await lead.request(`/api/attachments/${w.aliceFile.id}`));
    expect(problem).toMatchObject({ status: 410, code: 'file_purged' });
    expect(await fileExists(w.aliceFile.sha256)).toBe(false);
    expect(await fileExists(w.bobFile.sha256)).toBe(true);

    const user = await server.prisma.user.findUniqueOrThrow({
      where: { id: w.alice.user.id },
      select: { name: true, email: true, passwordHash: true, erasedAt: true, mvpProfile: true },
    });
    expect(user).toMatchObject({ name: 'A former MVP', passwordHash: null, mvpProfile: null });
    expect(user.email).toBe(`erased-${w.alice.user.id}@erased.invalid`);
    expect(user.erasedAt).toBeInstanceOf(Date);
    for (const count of [
      server.prisma.session.count({ where: { userId: w.alice.user.id } }),
      server.prisma.noticePreference.count({ where: { userId: w.alice.user.id } }),
      server.prisma.message.count({ where: { to: w.alice.user.email } }),
      server.prisma.enrolment.count({ where: { email: w.alice.user.email } }),
    ])
      expect(await count).toBe(0);
    expect(await server.prisma.report.count({ where: { reporterId: w.alice.user.id } })).toBe(1);
    expect(await server.prisma.reportFinder.count({ where: { userId: w.alice.user.id } })).toBe(1);

    const [audit] = await server.prisma.auditEntry.findMany({
      where: { action: 'mvp.erased', subjectId: w.alice.user.id },
    });
    expect(audit).toMatchObject({ subjectType: 'user', actorName: 'A former MVP' });
    const recorded = JSON.stringify(audit);
    for (const personal of [w.alice.user.email, w.alice.user.name, w.alice.handle])
      expect(recorded).not.toContain(personal);
  });

  it('answers 400 naming the field for a wrong password, and erases nothing', async () => {
    const w = await world();
    const problem = await readProblem(await eraseMine(w.alice.client, { password: 'not my password' }));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'password' }] });
    expect((await w.alice.client.api.api.auth.me.$get()).status).toBe(200);
    expect(
      await server.prisma.user.count({ where: { id: w.alice.user.id, erasedAt: null, email: w.alice.user.email } }),
    ).toBe(1);
  });

  it('refuses hostile and malformed bodies with 4xx problem+json', async () => {
    const { client, user } = await signedInClient(server, 'mvp');
    const bodies: unknown[] = [
      {},
      { password: 12 },
      { password: '' },
      { password: 'x'.repeat(300) },
      { password: testPassword, extra: true },
      [testPassword],
      null,
      { password: { $ne: '' } },
    ];
    for (const body of bodies) {
      const problem = await readProblem(await eraseMine(client, body));
      expect(problem.status, JSON.stringify(body)).toBe(400);
    }
    const notJson = await client.request('/api/account/erase', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: testPassword,
    });
    expect((await readProblem(notJson)).status).toBe(415);
    const broken = await client.request('/api/account/erase', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"password":',
    });
    expect((await readProblem(broken)).status).toBe(400);
    expect(await server.prisma.user.count({ where: { id: user.id, erasedAt: null } })).toBe(1);
  });

  it('is for MVPs: staff get 403', async () => {
    const { client, user } = await signedInClient(server, 'engineer');
    expect((await readProblem(await eraseMine(client, { password: testPassword }))).status).toBe(403);
    expect(await server.prisma.user.count({ where: { id: user.id, erasedAt: null } })).toBe(1);
  });
});

describe("a program lead answering a customer's request", () => {
  it("exports an MVP's archive with their data only", async () => {
    const w = await world();
    const { data, text } = await archiveOf(await lead.request(`/api/mvps/${w.bob.user.id}/export`));
    expect(data.account.email).toBe(w.bob.user.email);
    expect(data.reports.map((report: { id: string }) => report.id)).toEqual([w.bobReport.id]);
    for (const foreign of [`ALICE-NOTE-${w.tag}`, `ALICE-STEPS-${w.tag}`, w.alice.user.email])
      expect(text).not.toContain(foreign);
  });

  it('erases an MVP, recorded in the audit trail under the lead, once', async () => {
    const w = await world();
    await triage(w.aliceReport.id, w.bobReport.id);
    const statsBefore = await statsText(`/api/programs/${w.programId}/stats`);
    const erased = await bodyOf(await lead.api.api.mvps[':id'].erase.$post({ param: { id: w.bob.user.id } }), 200);
    expect(erased).toMatchObject({ id: w.bob.user.id, reportsKept: 1, filesRemoved: 1 });
    expect(await statsText(`/api/programs/${w.programId}/stats`)).toBe(statsBefore);
    expect((await w.bob.client.api.api.auth.me.$get()).status).toBe(401);
    const audit = await server.prisma.auditEntry.findFirstOrThrow({
      where: { action: 'mvp.erased', subjectId: w.bob.user.id },
    });
    expect(audit.actorName).not.toBe('A former MVP');
    expect(JSON.stringify(audit)).not.toContain(w.bob.user.email);

    const again = await lead.api.api.mvps[':id'].erase.$post({ param: { id: w.bob.user.id } });
    expect((await readProblem(again)).status).toBe(409);
  });

  it('answers 404 for staff accounts and unknown ids, 400 for a malformed id, 404 to staff of no program of theirs', async () => {
    const engineer = await signedInClient(server, 'engineer');
    const customer = await signedInClient(server, 'mvp');
    const mvp = customer.user;
    for (const path of [`/api/mvps/${engineer.user.id}/export`, `/api/mvps/${randomUUID()}/export`])
      expect((await readProblem(await lead.request(path))).status).toBe(404);
    const staffErase = await lead.api.api.mvps[':id'].erase.$post({ param: { id: engineer.user.id } });
    expect((await readProblem(staffErase)).status).toBe(404);
    expect((await readProblem(await lead.request('/api/mvps/not-an-id/export'))).status).toBe(400);
    expect((await readProblem(await engineer.client.request(`/api/mvps/${mvp.id}/export`))).status).toBe(404);
    const byEngineer = await engineer.client.api.api.mvps[':id'].erase.$post({ param: { id: mvp.id } });
    expect((await readProblem(byEngineer)).status).toBe(404);
    expect((await readProblem(await customer.client.request(`/api/mvps/${mvp.id}/export`))).status).toBe(403);
    expect(await server.prisma.user.count({ where: { id: { in: [mvp.id, engineer.user.id] }, erasedAt: null } })).toBe(
      2,
    );
  });

  it("is a program's lead's to answer for customers of the programs they lead only", async () => {
    const w = await world();
    // Bob also takes part in the other program's release (Carol's).
    await server.prisma.enrolment.create({
      data: {
        releaseId: w.other.release.id,
        userId: w.bob.user.id,
        email: w.bob.user.email,
        name: 'Bob',
        company: 'C',
        status: 'active',
        source: 'invitation',
      },
    });
    const programLead = await signedInClient(server, 'engineer', { programs: [w.programId], lead: true });
    const member = await signedInClient(server, 'internal_tester', { programs: [w.programId] });
    const elsewhere = await signedInClient(server, 'engineer', { programs: [w.other.programId], lead: true });
    const exportAs = (client: TestClient, id: string) => client.request(`/api/mvps/${id}/export`);
    const eraseAs = (client: TestClient, id: string) => client.api.api.mvps[':id'].erase.$post({ param: { id } });

    // Alice takes part in the lead's program only: theirs to answer, archive and erasure.
    const { data } = await archiveOf(await exportAs(programLead.client, w.alice.user.id));
    expect(data.account.email).toBe(w.alice.user.email);
    // A member who does not lead the program, and a lead of another program, may not.
    expect(await readProblem(await exportAs(member.client, w.alice.user.id))).toMatchObject({
      status: 403,
      detail: "Only an admin or the program's lead may do this.",
    });
    expect((await readProblem(await eraseAs(member.client, w.alice.user.id))).status).toBe(403);
    expect((await readProblem(await exportAs(elsewhere.client, w.alice.user.id))).status).toBe(404);
    expect((await readProblem(await eraseAs(elsewhere.client, w.alice.user.id))).status).toBe(404);

    // Bob also takes part in a program the lead does not lead: the archive and the erasure span
    // every program, so an admin answers; nothing is erased.
    for (const response of [
      await exportAs(programLead.client, w.bob.user.id),
      await eraseAs(programLead.client, w.bob.user.id),
    ])
      expect((await readProblem(response)).detail).toMatch(/also takes part in a program you do not lead/);
    expect(await server.prisma.user.count({ where: { id: w.bob.user.id, erasedAt: null } })).toBe(1);

    const erased = await bodyOf(await eraseAs(programLead.client, w.alice.user.id), 200);
    expect(erased).toMatchObject({ id: w.alice.user.id });
    const audit = await server.prisma.auditEntry.findFirstOrThrow({
      where: { action: 'mvp.erased', subjectId: w.alice.user.id },
    });
    expect(audit.actorId).toBe(programLead.user.id);
  });
});

describe('the retention period', () => {
  const setRetention = (programId: string, days: unknown) =>
    lead.request(`/api/programs/${programId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attachmentRetentionDays: days }),
    });

  it('is a program setting of whole days, or none', async () => {
    const w = await world();
    for (const wrong of [0, -1, 1.5, 'thirty', 100_000]) {
      const problem = await readProblem(await setRetention(w.programId, wrong));
      expect(problem).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'attachmentRetentionDays' })],
      });
    }
    const set = await setRetention(w.programId, 30);
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ attachmentRetentionDays: 30 });
    const cleared = await setRetention(w.programId, null);
    expect(await cleared.json()).toMatchObject({ attachmentRetentionDays: null });
  });

  it("purges files of releases shipped longer ago than the period: 410 to download, 'removed' on the report", async () => {
    const w = await world();
    expect((await setRetention(w.programId, 30)).status).toBe(200);
    const later = await upload(w.alice.client, png(`later-${w.tag}`), 'later.png');
    await bodyOf(
      await w.alice.client.api.api.reports[':id'].comments.$post({
        param: { id: w.aliceReport.id },
        json: { body: 'One more screenshot', attachmentIds: [later.id] },
      }),
      201,
    );
    const day = 86_400_000;
    // Carol's program keeps files for good, though its release shipped long ago too.
    await server.prisma.release.updateMany({
      where: { id: { in: [w.release.id, w.other.release.id] } },
      data: { status: 'shipped', shippedAt: new Date(Date.now() - 10 * day) },
    });
    expect((await purgeExpiredAttachments({ prisma: server.prisma, dir })).purged).toBe(0);

    await server.prisma.release.updateMany({
      where: { id: { in: [w.release.id, w.other.release.id] } },
      data: { shippedAt: new Date(Date.now() - 31 * day) },
    });
    const purged = await purgeExpiredAttachments({ prisma: server.prisma, dir });
    expect(purged.purged).toBe(4);

    for (const id of [w.aliceFile.id, w.bobFile.id]) {
      const problem = await readProblem(await lead.request(`/api/attachments/${id}`));
      expect(problem).toMatchObject({ status: 410, code: 'file_purged' });
    }
    const own = await readProblem(await w.alice.client.request(`/api/attachments/${w.aliceFile.id}`));
    expect(own.status).toBe(410);
    expect(await fileExists(w.aliceFile.sha256)).toBe(false);
    const page = await bodyOf(
      await w.alice.client.api.api.reports[':id'].$get({ param: { id: w.aliceReport.id } }),
      200,
    );
    expect(page.view === 'full' && page.attachments).toEqual([
      expect.objectContaining({ id: w.aliceFile.id, removed: true }),
      expect.objectContaining({ id: later.id, removed: true }),
    ]);
    const comment = page.timeline.find((entry) => entry.text === 'One more screenshot');
    expect(comment?.data).toMatchObject({ files: [expect.objectContaining({ id: later.id, removed: true })] });
    // The archive lists the record and carries no file.
    const { data, entries } = await archiveOf(await exportMine(w.alice.client));
    expect(data.attachments.every((file: { purgedAt: string | null }) => file.purgedAt !== null)).toBe(true);
    expect(Object.keys(entries).filter((name) => name.startsWith('files/'))).toEqual([]);
    // Nothing more is due, and the other program's file is still served.
    expect((await purgeExpiredAttachments({ prisma: server.prisma, dir })).purged).toBe(0);
    expect((await w.carol.client.request(`/api/attachments/${w.carolFile.id}`)).status).toBe(200);
  });
});
