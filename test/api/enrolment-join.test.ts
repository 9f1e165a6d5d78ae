import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyBody } from '../../api/join/join.schemas.ts';
import { createProgram, createRelease, invite, latestMail } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer, tokenOf } from '../support/test-server.ts';

let server: TestServer;
let lead: TestClient;
let program: { id: string; name: string };
beforeAll(async () => {
  server = await startTestServer();
  lead = (await signedInClient(server, 'admin')).client;
  program = await createProgram(server);
});
afterAll(() => server?.stop());

async function setJoinLink(releaseId: string, json: { enabled: boolean; cap: number | null }) {
  return bodyOf(await lead.api.api.releases[':id']['join-link'].$put({ param: { id: releaseId }, json }), 200);
}

/** A release with its join link open; returns the link's token. */
async function openRelease(cap: number | null = null) {
  const release = await createRelease(server, program.id);
  const link = await setJoinLink(release.id, { enabled: true, cap });
  return { release, token: tokenOf(link.url!) };
}

function application(token: string, email: string, overrides: Partial<ApplyBody> = {}): ApplyBody {
  return {
    token,
    name: 'Ann Applicant',
    email,
    company: 'Applicant Co',
    jobRole: 'IT lead',
    platforms: ['Windows 11'],
    devices: ['Surface Laptop 5'],
    motivation: 'We run Acme on 400 desks.',
    ...overrides,
  };
}

function apply(json: ApplyBody) {
  return server.client().api.api.join.apply.$post({ json });
}

function inspect(token: string) {
  return server.client().api.api.join.inspect.$post({ json: { token } });
}

async function written(releaseId: string) {
  return {
    enrolments: await server.prisma.enrolment.count({ where: { releaseId } }),
    messages: await server.prisma.message.count(),
  };
}

describe('the join link', () => {
  it('gets its token when first opened, and keeps it when closed and opened again', async () => {
    const release = await createRelease(server, program.id);
    const closed = await setJoinLink(release.id, { enabled: false, cap: null });
    expect(closed).toEqual({ url: null, enabled: false, cap: null, applications: 0 });

    const opened = await setJoinLink(release.id, { enabled: true, cap: 25 });
    expect(opened).toEqual({
      url: expect.stringMatching(/^http:\/\/localhost:3000\/join#[A-Za-z0-9_-]{43}$/),
      enabled: true,
      cap: 25,
      applications: 0,
    });
    const reopened = await setJoinLink(release.id, { enabled: false, cap: null });
    expect(reopened.url).toBe(opened.url);
    expect((await setJoinLink(release.id, { enabled: true, cap: null })).url).toBe(opened.url);
  });

  it('tells an applicant about the release and that it takes applications', async () => {
    const { release, token } = await openRelease();
    expect(await bodyOf(await inspect(token), 200)).toEqual({
      programName: program.name,
      product: 'Acme Desktop',
      releaseVersion: release.version,
      focusAreas: ['Sync', 'Printing'],
      testStart: '2026-03-02T00:00:00.000Z',
      testEnd: '2026-03-30T00:00:00.000Z',
      open: true,
    });
  });

  it('takes an application into the queue and e-mails the applicant', async () => {
    const { release, token } = await openRelease();
    const response = await apply(application(token, 'Applicant@Example.test'));
    expect(await bodyOf(response, 201)).toEqual({ email: 'applicant@example.test', status: 'applied' });

    const cohort = await bodyOf(
      await lead.api.api.releases[':id'].cohort.$get({ param: { id: release.id }, query: { status: 'applied' } }),
      200,
    );
    expect(cohort.items).toEqual([
      expect.objectContaining({
        email: 'applicant@example.test',
        name: 'Ann Applicant',
        company: 'Applicant Co',
        status: 'applied',
        source: 'application',
        jobRole: 'IT lead',
        platforms: ['Windows 11'],
        devices: ['Surface Laptop 5'],
        motivation: 'We run Acme on 400 desks.',
        decidedAt: null,
      }),
    ]);
    expect(cohort.joinLink.applications).toBe(1);
    const mail = await latestMail(lead, 'applicant@example.test', 'application-received');
    expect(mail.text).toContain(`Acme Desktop ${release.version}`);
  });

  it('refuses applications while the link is closed, and writes nothing', async () => {
    const { release, token } = await openRelease();
    await setJoinLink(release.id, { enabled: false, cap: null });
    expect(await bodyOf(await inspect(token), 200)).toMatchObject({
      open: false,
      reason: 'This join link is closed at the moment.',
    });
    const before = await written(release.id);
    const response = await apply(application(token, 'closed@example.test'));
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toBe('This join link is closed at the moment.');
    expect(await written(release.id)).toEqual(before);
  });

  it('stops at its cap of applications, counting declined ones too', async () => {
    const { release, token } = await openRelease(2);
    expect((await apply(application(token, 'cap1@example.test'))).status).toBe(201);
    expect((await apply(application(token, 'cap2@example.test'))).status).toBe(201);
    const [declined] = (
      await bodyOf(await lead.api.api.releases[':id'].cohort.$get({ param: { id: release.id }, query: {} }), 200)
    ).items;
    await lead.api.api.enrolments[':id'].decline.$post({ param: { id: declined!.id } });

    expect(await bodyOf(await inspect(token), 200)).toMatchObject({
      open: false,
      reason: expect.stringContaining('all'),
    });
    const before = await written(release.id);
    const response = await apply(application(token, 'cap3@example.test'));
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toBe('This release has all the applications it can take.');
    expect(await written(release.id)).toEqual(before);
  });

  it('takes applications that arrive together only up to the cap', async () => {
    const { release, token } = await openRelease(3);
    const statuses = await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => (await apply(application(token, `rush${n}@example.test`))).status),
    );
    expect(statuses.sort()).toEqual([201, 201, 201, 409, 409]);
    expect(await server.prisma.enrolment.count({ where: { releaseId: release.id } })).toBe(3);
  });

  it('refuses an e-mail already in the cohort, naming the field, and writes nothing', async () => {
    const { release, token } = await openRelease();
    await invite(lead, release.id, [{ email: 'invited@example.test' }]);
    const before = await written(release.id);
    const response = await apply(application(token, 'INVITED@example.test'));
    expect(response.status).toBe(409);
    expect((await readProblem(response)).errors).toEqual([{ field: 'email', message: expect.any(String) }]);
    expect(await written(release.id)).toEqual(before);
    expect((await apply(application(token, 'applied@example.test'))).status).toBe(201);
    expect((await apply(application(token, 'applied@example.test'))).status, 'nor twice').toBe(409);
  });

  it('refuses applications once the release has shipped', async () => {
    const { release, token } = await openRelease();
    await server.prisma.release.update({ where: { id: release.id }, data: { status: 'shipped' } });
    expect(await bodyOf(await inspect(token), 200)).toMatchObject({
      open: false,
      reason: expect.stringContaining('shipped'),
    });
    expect((await apply(application(token, 'shipped@example.test'))).status).toBe(409);
    const change = await lead.api.api.releases[':id']['join-link'].$put({
      param: { id: release.id },
      json: { enabled: true, cap: null },
    });
    expect(change.status).toBe(409);
  });

  it('stops working at its old address once rotated', async () => {
    const { release, token } = await openRelease();
    const rotated = await bodyOf(
      await lead.api.api.releases[':id']['join-link'].rotate.$post({ param: { id: release.id } }),
      200,
    );
    const fresh = tokenOf(rotated.url!);
    expect(fresh).not.toBe(token);
    expect(rotated.enabled).toBe(true);
    const old = await inspect(token);
    expect(old.status).toBe(410);
    expect((await readProblem(old)).detail).toContain('not valid');
    expect((await apply(application(token, 'old@example.test'))).status).toBe(410);
    expect((await apply(application(fresh, 'fresh@example.test'))).status).toBe(201);
  });

  it('checks what the applicant wrote', async () => {
    const { token } = await openRelease();
    const response = await apply(application(token, 'not an address', { motivation: '' }));
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field).sort()).toEqual(['email', 'motivation']);
  });

  it('answers 404 to the lead for an unknown release', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const response = await lead.api.api.releases[':id']['join-link'].$put({
      param: { id: unknown },
      json: { enabled: true, cap: null },
    });
    expect(response.status).toBe(404);
    expect((await lead.api.api.releases[':id']['join-link'].rotate.$post({ param: { id: unknown } })).status).toBe(404);
  });
});
