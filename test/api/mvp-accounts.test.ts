import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReportBody } from '../../api/reports/reports.schemas.ts';
import { acceptCurrentTerms, activeMvp, browser, createProgram, createRelease } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer, testPassword } from '../support/test-server.ts';

// A program lead disables a customer's account (and enables it again) through the API; the
// customer's own requests show what that changes for them.

let server: TestServer;
let lead: TestClient;
let leadId: string;
beforeAll(async () => {
  server = await startTestServer();
  const admin = await signedInClient(server, 'admin');
  lead = admin.client;
  leadId = admin.user.id;
});
afterAll(() => server?.stop());

const hour = 3_600_000;
let people = 0;

/** A release taking reports now, and an MVP of its cohort (through invitation) with the terms accepted. */
async function customerFiling() {
  const program = await createProgram(server);
  const release = await createRelease(server, program.id);
  await server.prisma.release.update({
    where: { id: release.id },
    data: { testStart: new Date(Date.now() - hour), testEnd: new Date(Date.now() + 24 * hour) },
  });
  people += 1;
  const email = `customer-${people}-${randomUUID().slice(0, 6)}@example.test`;
  const mvp = await activeMvp(server, lead, release.id, email);
  await acceptCurrentTerms(mvp.client, program.id);
  return { release, email, ...mvp };
}

function report(releaseId: string): FileReportBody {
  return {
    releaseId,
    title: 'Printing crashes the editor',
    steps: '1. Open a document\n2. Print',
    expected: 'It prints',
    actual: 'It crashes',
    severity: 'major',
    clientKey: randomUUID(),
  };
}

const setDisabled = (id: string, disabled: boolean, as: TestClient = lead) =>
  as.api.api.mvps[':id'].$patch({ param: { id }, json: { disabled } });

async function signIn(email: string) {
  return browser(server).api.api.auth['sign-in'].$post({ json: { email, password: testPassword } });
}

describe('disabling an MVP account', () => {
  it('ends their sessions at once and refuses their sign-in', async () => {
    const { user, client, email } = await customerFiling();
    expect((await client.api.api.auth.me.$get()).status).toBe(200);

    const account = await bodyOf(await setDisabled(user.id, true), 200);
    expect(account).toMatchObject({ id: user.id, email, status: 'disabled', disabledAt: expect.any(String) });
    expect((await client.api.api.auth.me.$get()).status).toBe(401);
    expect(await server.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await signIn(email)).status).toBe(401);
  });

  it('stops them filing, saying "me too", commenting and uploading, and keeps everything they filed', async () => {
    const { release, user, client } = await customerFiling();
    const filed = await bodyOf(await client.api.api.reports.$post({ json: report(release.id) }), 201);
    const colleague = await signedInClient(server, 'internal_tester', { programs: [release.programId] });
    const internal = await bodyOf(await colleague.client.api.api.reports.$post({ json: report(release.id) }), 201);

    await bodyOf(await setDisabled(user.id, true), 200);
    const refused = [
      await client.api.api.reports.$post({ json: report(release.id) }),
      await client.api.api.reports[':id']['me-too'].$post({ param: { id: internal.id }, json: { note: 'Me too' } }),
      await client.api.api.reports[':id'].comments.$post({ param: { id: filed.id }, json: { body: 'Still there' } }),
      await client.request('/api/attachments', { method: 'POST', body: attachmentForm() }),
    ];
    for (const response of refused) expect((await readProblem(response)).status).toBe(401);

    expect(await server.prisma.report.count({ where: { reporterId: user.id } })).toBe(1);
    expect(await server.prisma.reportFinder.count({ where: { userId: user.id } })).toBe(0);
    expect(await server.prisma.syncJob.count({ where: { reportId: filed.id } })).toBe(1);
    const seen = await bodyOf(await lead.api.api.reports[':id'].$get({ param: { id: filed.id } }), 200);
    expect(seen.id).toBe(filed.id);
  });

  it('shows in the cohort, and enabling the account lets them sign in and file again', async () => {
    const { release, user, email } = await customerFiling();
    await bodyOf(await setDisabled(user.id, true), 200);
    const cohort = await bodyOf(
      await lead.api.api.releases[':id'].cohort.$get({ param: { id: release.id }, query: {} }),
      200,
    );
    expect(cohort.items.find((member) => member.accountId === user.id)).toMatchObject({
      status: 'active',
      accountDisabled: true,
    });

    const enabled = await bodyOf(await setDisabled(user.id, false), 200);
    expect(enabled).toMatchObject({ status: 'active', disabledAt: null });
    const again = browser(server);
    const signedIn = await again.api.api.auth['sign-in'].$post({ json: { email, password: testPassword } });
    expect(signedIn.status).toBe(200);
    await bodyOf(await again.api.api.reports.$post({ json: report(release.id) }), 201);
  });

  it('keeps the first moment disabled when disabled twice', async () => {
    const { user } = await customerFiling();
    const first = await bodyOf(await setDisabled(user.id, true), 200);
    const second = await bodyOf(await setDisabled(user.id, true), 200);
    expect(second.disabledAt).toBe(first.disabledAt);
  });

  it('is recorded in the audit trail, one entry per change, with who acted and without the person', async () => {
    const { user, email } = await customerFiling();
    await bodyOf(await setDisabled(user.id, true), 200);
    await bodyOf(await setDisabled(user.id, true), 200);
    await bodyOf(await setDisabled(user.id, false), 200);
    const trail = await server.prisma.auditEntry.findMany({
      where: { subjectId: user.id },
      orderBy: { at: 'asc' },
      select: { action: true, actorId: true, before: true, after: true, subjectType: true },
    });
    expect(trail).toEqual([
      {
        action: 'mvp.disabled',
        actorId: leadId,
        subjectType: 'user',
        before: { disabled: false },
        after: { disabled: true },
      },
      {
        action: 'mvp.enabled',
        actorId: leadId,
        subjectType: 'user',
        before: { disabled: true },
        after: { disabled: false },
      },
    ]);
    expect(JSON.stringify(trail)).not.toContain(email);
  });

  it('answers 404 for a staff account and for an id that names nobody, and 403 to an engineer', async () => {
    const engineer = await signedInClient(server, 'engineer');
    const { user } = await customerFiling();
    const staff = await setDisabled(engineer.user.id, true);
    expect((await readProblem(staff)).status).toBe(404);
    expect((await readProblem(await setDisabled(randomUUID(), true))).status).toBe(404);
    expect((await readProblem(await setDisabled(user.id, true, engineer.client))).status).toBe(403);
    expect((await engineer.client.api.api.auth.me.$get()).status).toBe(200);
    expect(await server.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ disabledAt: null });
  });
});

function attachmentForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new TextEncoder().encode('crash log\n')]), 'crash.log');
  return form;
}
