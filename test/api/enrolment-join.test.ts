import { describe, expect, it } from 'vitest';
import type { ApplyBody } from '../../api/join/join.schemas.ts';
import { joinLimits } from '../../api/join/join-throttle.ts';
import { hashToken } from '../../api/lib/tokens.ts';
import {
  activeMvp,
  applyAndConfirm,
  browser,
  createRelease,
  enrolmentWorld,
  invite,
  joinConfirmationToken,
  latestMail,
} from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { tokenOf } from '../support/test-server.ts';

const world = enrolmentWorld();

async function setJoinLink(releaseId: string, json: { enabled: boolean; cap: number | null }) {
  return bodyOf(await world.lead.api.api.releases[':id']['join-link'].$put({ param: { id: releaseId }, json }), 200);
}

/** A release with its join link open; returns the link's token. */
async function openRelease(cap: number | null = null) {
  const release = await createRelease(world.server, world.program.id);
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

/** Applies from a browser of its own, so the per-caller limit stays out of the way. */
function apply(json: ApplyBody, client: TestClient = browser(world.server)) {
  return client.api.api.join.apply.$post({ json });
}

function inspect(token: string) {
  return world.server.client().api.api.join.inspect.$post({ json: { token } });
}

function confirm(token: string) {
  return browser(world.server).api.api.join.confirm.$post({ json: { token } });
}

function inspectConfirmation(token: string) {
  return browser(world.server).api.api.join.confirmation.inspect.$post({ json: { token } });
}

async function written(releaseId: string) {
  return {
    enrolments: await world.server.prisma.enrolment.count({ where: { releaseId } }),
    confirmations: await world.server.prisma.joinConfirmation.count({ where: { releaseId } }),
    messages: await world.server.prisma.message.count(),
  };
}

async function confirmationMails(to: string) {
  return world.server.prisma.message.count({ where: { to, kind: 'join-confirmation' } });
}

describe('the join link', () => {
  it('gets its token when first opened, and keeps it when closed and opened again', async () => {
    const release = await createRelease(world.server, world.program.id);
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
      programName: world.program.name,
      product: 'Acme Desktop',
      releaseVersion: release.version,
      focusAreas: ['Sync', 'Printing'],
      testStart: '2026-03-02T00:00:00.000Z',
      testEnd: '2026-03-30T00:00:00.000Z',
      open: true,
    });
  });

  it('keeps an application aside and e-mails the address a confirmation link carrying nothing the applicant typed', async () => {
    const { release, token } = await openRelease();
    const typed = application(token, 'Applicant@Example.test', {
      name: 'Zebedee Quux',
      company: 'Quuxcorp Unlimited',
      jobRole: 'Chief Quuxer',
      platforms: ['QuuxOS 7'],
      devices: ['Quuxphone'],
      motivation: 'Buy cheap watches at https://spam.example now',
    });
    const response = await apply(typed);
    expect(await bodyOf(response, 202)).toEqual({ email: 'applicant@example.test', status: 'awaiting_confirmation' });
    expect(await world.server.prisma.enrolment.count({ where: { releaseId: release.id } })).toBe(0);

    const mail = await latestMail(world.lead, 'applicant@example.test', 'join-confirmation');
    expect(mail.subject).toBe(`Confirm your application to test Acme Desktop ${release.version}`);
    expect(mail.text).toContain(`${world.program.name} to test Acme Desktop ${release.version}`);
    const link = /http:\/\/\S+\/join\/confirm#([A-Za-z0-9_-]{43})/.exec(mail.text);
    expect(link).not.toBeNull();
    for (const words of ['Zebedee', 'Quux', 'spam.example', 'watches', 'Applicant@Example.test'])
      expect(`${mail.subject}\n${mail.text}`).not.toContain(words);

    const [stored] = await world.server.prisma.joinConfirmation.findMany({
      where: { releaseId: release.id },
      select: { email: true, tokenHash: true, usedAt: true, expiresAt: true },
    });
    expect(stored).toMatchObject({ email: 'applicant@example.test', tokenHash: hashToken(link![1]!), usedAt: null });
    expect(stored!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('shows the holder of the confirmation link what they would confirm', async () => {
    const { release, token } = await openRelease();
    await apply(application(token, 'shown@example.test'));
    const info = await bodyOf(
      await inspectConfirmation(await joinConfirmationToken(world.lead, 'shown@example.test')),
      200,
    );
    expect(info).toEqual({
      programName: world.program.name,
      product: 'Acme Desktop',
      releaseVersion: release.version,
      focusAreas: ['Sync', 'Printing'],
      testStart: '2026-03-02T00:00:00.000Z',
      testEnd: '2026-03-30T00:00:00.000Z',
      open: true,
      application: {
        name: 'Ann Applicant',
        email: 'shown@example.test',
        company: 'Applicant Co',
        jobRole: 'IT lead',
        platforms: ['Windows 11'],
        devices: ['Surface Laptop 5'],
        motivation: 'We run Acme on 400 desks.',
      },
      expiresAt: expect.any(String),
    });
  });

  it('turns a confirmed application into one in the queue, and e-mails the applicant', async () => {
    const { release, token } = await openRelease();
    const response = await applyAndConfirm(world.server, world.lead, application(token, 'Confirmed@Example.test'));
    expect(await bodyOf(response, 201)).toEqual({ email: 'confirmed@example.test', status: 'applied' });

    const cohort = await bodyOf(
      await world.lead.api.api.releases[':id'].cohort.$get({ param: { id: release.id }, query: { status: 'applied' } }),
      200,
    );
    expect(cohort.items).toEqual([
      expect.objectContaining({
        email: 'confirmed@example.test',
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
    const mail = await latestMail(world.lead, 'confirmed@example.test', 'application-received');
    expect(mail.text).toContain(`Acme Desktop ${release.version}`);
  });

  it('answers 410 to a confirmation link used before, expired or unknown, and sweeps expired ones', async () => {
    const { release, token } = await openRelease();
    expect((await applyAndConfirm(world.server, world.lead, application(token, 'twice@example.test'))).status).toBe(
      201,
    );
    const used = await confirm(await joinConfirmationToken(world.lead, 'twice@example.test'));
    expect(used.status).toBe(410);
    expect((await readProblem(used)).detail).toContain('already been confirmed');

    await apply(application(token, 'late@example.test'));
    const late = await joinConfirmationToken(world.lead, 'late@example.test');
    await world.server.prisma.joinConfirmation.updateMany({
      where: { tokenHash: hashToken(late) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    for (const response of [await inspectConfirmation(late), await confirm(late)]) {
      expect(response.status).toBe(410);
      expect((await readProblem(response)).detail).toContain('expired');
    }
    expect((await confirm('A'.repeat(43))).status).toBe(410);
    expect(
      await world.server.prisma.enrolment.count({ where: { releaseId: release.id, email: 'late@example.test' } }),
    ).toBe(0);

    await apply(application(token, 'next@example.test'));
    expect(await world.server.prisma.joinConfirmation.count({ where: { tokenHash: hashToken(late) } })).toBe(0);
  });

  it('answers an application alike whether the address is new, applied before, is in the cohort or has an account', async () => {
    const { release, token } = await openRelease();
    await invite(world.lead, release.id, [{ email: 'invited@example.test' }]);
    await activeMvp(world.server, world.lead, release.id, 'member@example.test');
    const staff = await world.server.createUser('engineer');
    expect((await applyAndConfirm(world.server, world.lead, application(token, 'queued@example.test'))).status).toBe(
      201,
    );

    const answers = [];
    for (const email of [
      'new@example.test',
      'invited@example.test',
      'member@example.test',
      staff.email,
      'queued@example.test',
    ]) {
      const response = await apply(application(token, email));
      answers.push({ status: response.status, body: await response.json(), email });
    }
    for (const answer of answers)
      expect(answer).toEqual({
        status: 202,
        body: { email: answer.email, status: 'awaiting_confirmation' },
        email: answer.email,
      });
  });

  it('refuses, on confirming, an address already in the cohort, and writes nothing', async () => {
    const { release, token } = await openRelease();
    await invite(world.lead, release.id, [{ email: 'invited@example.test' }]);
    await apply(application(token, 'INVITED@example.test'));
    const before = await written(release.id);
    const response = await confirm(await joinConfirmationToken(world.lead, 'invited@example.test'));
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toContain('already part of this release');
    expect(await written(release.id)).toEqual(before);

    expect((await applyAndConfirm(world.server, world.lead, application(token, 'applied@example.test'))).status).toBe(
      201,
    );
    expect(
      (await applyAndConfirm(world.server, world.lead, application(token, 'applied@example.test'))).status,
      'nor twice',
    ).toBe(409);
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

  it('refuses to confirm once the link has been closed since the application', async () => {
    const { release, token } = await openRelease();
    await apply(application(token, 'closed-since@example.test'));
    await setJoinLink(release.id, { enabled: false, cap: null });
    const response = await confirm(await joinConfirmationToken(world.lead, 'closed-since@example.test'));
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toBe('This join link is closed at the moment.');
    expect(await world.server.prisma.enrolment.count({ where: { releaseId: release.id } })).toBe(0);
  });

  it('stops at its cap of confirmed applications, counting declined ones too', async () => {
    const { release, token } = await openRelease(2);
    expect((await applyAndConfirm(world.server, world.lead, application(token, 'cap1@example.test'))).status).toBe(201);
    await apply(application(token, 'cap3@example.test'));
    expect((await applyAndConfirm(world.server, world.lead, application(token, 'cap2@example.test'))).status).toBe(201);
    const [declined] = (
      await bodyOf(await world.lead.api.api.releases[':id'].cohort.$get({ param: { id: release.id }, query: {} }), 200)
    ).items;
    await world.lead.api.api.enrolments[':id'].decline.$post({ param: { id: declined!.id } });

    expect(await bodyOf(await inspect(token), 200)).toMatchObject({
      open: false,
      reason: expect.stringContaining('all'),
    });
    const late = await confirm(await joinConfirmationToken(world.lead, 'cap3@example.test'));
    expect(late.status).toBe(409);
    expect((await readProblem(late)).detail).toBe('This release has all the applications it can take.');
    const before = await written(release.id);
    const response = await apply(application(token, 'cap4@example.test'));
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toBe('This release has all the applications it can take.');
    expect(await written(release.id)).toEqual(before);
  });

  it('takes confirmations that arrive together only up to the cap', async () => {
    const { release, token } = await openRelease(3);
    const emails = [1, 2, 3, 4, 5].map((n) => `rush${n}@example.test`);
    for (const email of emails) expect((await apply(application(token, email))).status).toBe(202);
    const tokens = await Promise.all(emails.map((email) => joinConfirmationToken(world.lead, email)));
    const statuses = await Promise.all(tokens.map(async (confirmation) => (await confirm(confirmation)).status));
    expect(statuses.sort()).toEqual([201, 201, 201, 409, 409]);
    expect(await world.server.prisma.enrolment.count({ where: { releaseId: release.id } })).toBe(3);
  });

  it('refuses applications once the release has shipped', async () => {
    const { release, token } = await openRelease();
    await world.server.prisma.release.update({ where: { id: release.id }, data: { status: 'shipped' } });
    expect(await bodyOf(await inspect(token), 200)).toMatchObject({
      open: false,
      reason: expect.stringContaining('shipped'),
    });
    expect((await apply(application(token, 'shipped@example.test'))).status).toBe(409);
    const change = await world.lead.api.api.releases[':id']['join-link'].$put({
      param: { id: release.id },
      json: { enabled: true, cap: null },
    });
    expect(change.status).toBe(409);
  });

  it('stops working at its old address once rotated, confirmations made through it too', async () => {
    const { release, token } = await openRelease();
    await apply(application(token, 'pending@example.test'));
    const rotated = await bodyOf(
      await world.lead.api.api.releases[':id']['join-link'].rotate.$post({ param: { id: release.id } }),
      200,
    );
    const fresh = tokenOf(rotated.url!);
    expect(fresh).not.toBe(token);
    expect(rotated.enabled).toBe(true);
    const old = await inspect(token);
    expect(old.status).toBe(410);
    expect((await readProblem(old)).detail).toContain('not valid');
    expect((await apply(application(token, 'old@example.test'))).status).toBe(410);
    expect((await confirm(await joinConfirmationToken(world.lead, 'pending@example.test'))).status).toBe(410);
    expect((await applyAndConfirm(world.server, world.lead, application(fresh, 'fresh@example.test'))).status).toBe(
      201,
    );
  });

  it('checks what the applicant wrote', async () => {
    const { token } = await openRelease();
    const response = await apply(application(token, 'not an address', { motivation: '' }));
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field).sort()).toEqual(['email', 'motivation']);
  });

  it('answers 404 to the lead for an unknown release', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const response = await world.lead.api.api.releases[':id']['join-link'].$put({
      param: { id: unknown },
      json: { enabled: true, cap: null },
    });
    expect(response.status).toBe(404);
    expect(
      (await world.lead.api.api.releases[':id']['join-link'].rotate.$post({ param: { id: unknown } })).status,
    ).toBe(404);
  });
});

describe('limits on applying', () => {
  it('answers 429 problem+json with Retry-After to a caller who applies too often, and nothing is mailed', async () => {
    const { token } = await openRelease();
    const caller = world.server.client({ 'x-forwarded-for': '192.0.2.10' });
    for (let n = 0; n < joinLimits.caller.capacity; n++)
      expect((await apply(application(token, `caller${n}@example.test`), caller)).status).toBe(202);
    const refused = await apply(application(token, 'caller-over@example.test'), caller);
    expect(refused.status).toBe(429);
    expect(await readProblem(refused)).toMatchObject({ code: 'rate_limited' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(1 / joinLimits.caller.perSecond);
    expect(await confirmationMails('caller-over@example.test')).toBe(0);
    expect((await apply(application(token, 'caller-over@example.test'))).status, 'another caller').toBe(202);
  });

  it('answers 429 once one link has sent its fill of confirmation requests, whatever the callers', async () => {
    const { token } = await openRelease();
    const other = await openRelease();
    for (let n = 0; n < joinLimits.link.capacity; n++)
      expect((await apply(application(token, `link${n}@example.test`))).status).toBe(202);
    const refused = await apply(application(token, 'link-over@example.test'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await confirmationMails('link-over@example.test')).toBe(0);
    expect((await apply(application(other.token, 'link-over@example.test'))).status, 'another link').toBe(202);
  });

  it('sends one mailbox only its fill of confirmation requests, across links, answering alike beyond it', async () => {
    const first = await openRelease();
    const second = await openRelease();
    const answers = [];
    for (let n = 0; n < joinLimits.mailbox.capacity + 2; n++) {
      const response = await apply(application(n % 2 ? second.token : first.token, 'Flooded@example.test'));
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(
      new Set([
        JSON.stringify({ status: 202, body: { email: 'flooded@example.test', status: 'awaiting_confirmation' } }),
      ]),
    );
    expect(await confirmationMails('flooded@example.test')).toBe(joinLimits.mailbox.capacity);
  });
});
