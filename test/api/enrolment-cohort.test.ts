import { describe, expect, it } from 'vitest';
import {
  acceptCurrentTerms,
  activeMvp,
  applyAndConfirm,
  browser,
  createRelease,
  enrolmentWorld,
  invitationToken,
  invite,
  latestMail,
  publishTerms,
} from '../support/enrolment-fixtures.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { testPassword, tokenOf } from '../support/test-server.ts';

const world = enrolmentWorld();

async function cohortOf(releaseId: string, status?: 'invited' | 'applied' | 'active' | 'declined' | 'removed') {
  return bodyOf(
    await world.lead.api.api.releases[':id'].cohort.$get({ param: { id: releaseId }, query: status ? { status } : {} }),
    200,
  );
}

/** A release with an open join link and one application per e-mail; returns the enrolment ids. */
async function withApplications(emails: string[], cohortCapacity: number | null = null) {
  const release = await createRelease(world.server, world.program.id, { cohortCapacity });
  const link = await bodyOf(
    await world.lead.api.api.releases[':id']['join-link'].$put({
      param: { id: release.id },
      json: { enabled: true, cap: null },
    }),
    200,
  );
  for (const email of emails) {
    const response = await applyAndConfirm(world.server, world.lead, {
      token: tokenOf(link.url!),
      name: `Name of ${email}`,
      email,
      company: 'Applicant Co',
      jobRole: 'Tester',
      platforms: [],
      devices: [],
      motivation: 'Keen.',
    });
    expect(response.status).toBe(201);
  }
  const { items } = await cohortOf(release.id, 'applied');
  return { release, ids: emails.map((email) => items.find((item) => item.email === email)!.id) };
}

describe('the cohort', () => {
  it('lists every enrolment with counts by status, the capacity and the terms each accepted', async () => {
    const release = await createRelease(world.server, world.program.id, { cohortCapacity: 10 });
    const { client, user } = await activeMvp(world.server, world.lead, release.id, 'terms-taker@example.test');
    await acceptCurrentTerms(client, world.program.id);
    await invite(world.lead, release.id, [{ email: 'pending@example.test' }]);
    const elsewhere = await createRelease(world.server, world.program.id);
    for (const releaseId of [release.id, release.id, elsewhere.id]) {
      await world.server.prisma.report.create({
        data: {
          programId: world.program.id,
          releaseId,
          reporterId: user.id,
          source: 'customer',
          title: 'Crash on save',
          steps: 'Save',
          expected: 'Saved',
          actual: 'Crash',
          severity: 'major',
          environment: {},
        },
      });
    }
    await publishTerms(world.server, world.program.id, 'New terms, not yet accepted.');

    const cohort = await cohortOf(release.id);
    expect(cohort.items.map((item) => [item.email, item.status, item.termsVersionAccepted, item.reportsFiled])).toEqual(
      [
        ['terms-taker@example.test', 'active', 1, 2],
        ['pending@example.test', 'invited', null, 0],
      ],
    );
    expect(cohort.counts).toEqual({ invited: 1, applied: 0, active: 1, declined: 0, removed: 0, completed: 0 });
    expect(cohort.capacity).toEqual({ limit: 10, taken: 2, remaining: 8 });
    expect(cohort.joinLink).toEqual({ url: null, enabled: false, cap: null, applications: 0 });

    const invited = await cohortOf(release.id, 'invited');
    expect(invited.items.map((item) => item.email)).toEqual(['pending@example.test']);
    expect(invited.counts.active, 'counts ignore the filter').toBe(1);
  });

  it('answers 404 for an unknown release and 400 for an unknown status', async () => {
    const unknown = await world.lead.api.api.releases[':id'].cohort.$get({
      param: { id: '01900000-0000-7000-8000-000000000000' },
      query: {},
    });
    expect(unknown.status).toBe(404);
    const release = await createRelease(world.server, world.program.id);
    const bad = await world.lead.request(`/api/releases/${release.id}/cohort?status=lurking`);
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).errors?.[0]?.field).toBe('status');
  });
});

describe('deciding on applications', () => {
  it('approves an application: the applicant is invited and can accept the e-mailed link', async () => {
    const { release, ids } = await withApplications(['approved@example.test']);
    const approved = await world.lead.api.api.enrolments[':id'].approve.$post({ param: { id: ids[0]! } });
    expect(await bodyOf(approved, 200)).toMatchObject({
      status: 'invited',
      source: 'application',
      decidedAt: expect.any(String),
      invitationExpiresAt: expect.any(String),
    });
    const token = await invitationToken(world.lead, 'approved@example.test');
    const accepted = await browser(world.server).api.api.invitations.accept.$post({
      json: { token, name: 'Approved Person', password: testPassword },
    });
    expect(accepted.status).toBe(200);
    expect((await cohortOf(release.id, 'active')).items.map((item) => item.email)).toEqual(['approved@example.test']);
  });

  it('refuses to approve beyond the cohort capacity, and leaves the application waiting', async () => {
    const { release, ids } = await withApplications(['first@example.test', 'second@example.test'], 1);
    expect((await world.lead.api.api.enrolments[':id'].approve.$post({ param: { id: ids[0]! } })).status).toBe(200);
    const full = await world.lead.api.api.enrolments[':id'].approve.$post({ param: { id: ids[1]! } });
    expect(full.status).toBe(409);
    expect((await readProblem(full)).detail).toContain('The cohort is full');
    expect((await cohortOf(release.id, 'applied')).items.map((item) => item.id)).toEqual([ids[1]]);
    expect(await world.server.prisma.invitation.count({ where: { enrolmentId: ids[1]! } })).toBe(0);
  });

  it('approves and declines only applications waiting for a decision', async () => {
    const { ids } = await withApplications(['decided@example.test']);
    await world.lead.api.api.enrolments[':id'].approve.$post({ param: { id: ids[0]! } });
    expect((await world.lead.api.api.enrolments[':id'].approve.$post({ param: { id: ids[0]! } })).status).toBe(409);
    expect((await world.lead.api.api.enrolments[':id'].decline.$post({ param: { id: ids[0]! } })).status).toBe(409);
  });

  it('declines an application and tells the applicant kindly', async () => {
    const { ids } = await withApplications(['declined@example.test']);
    const declined = await world.lead.api.api.enrolments[':id'].decline.$post({ param: { id: ids[0]! } });
    expect(await bodyOf(declined, 200)).toMatchObject({ status: 'declined', decidedAt: expect.any(String) });
    const mail = await latestMail(world.lead, 'declined@example.test', 'application-declined');
    expect(mail.text).toContain('Thank you');
    expect(mail.text).not.toMatch(/\/invitation#/);
  });
});

describe('removing people from the cohort', () => {
  it('ends an MVP’s access at once, keeping their session', async () => {
    const release = await createRelease(world.server, world.program.id);
    const { client, enrolmentId } = await activeMvp(world.server, world.lead, release.id, 'removed@example.test');
    await acceptCurrentTerms(client, world.program.id);
    const before = await bodyOf(await client.api.api.me.releases.$get(), 200);
    expect(before.releases.map((item) => item.id)).toEqual([release.id]);
    expect((await client.api.api.releases[':id'].$get({ param: { id: release.id } })).status).toBe(200);

    const removed = await world.lead.api.api.enrolments[':id'].remove.$post({ param: { id: enrolmentId } });
    expect(await bodyOf(removed, 200)).toMatchObject({ status: 'removed', endedAt: expect.any(String) });

    expect((await bodyOf(await client.api.api.me.releases.$get(), 200)).releases).toEqual([]);
    expect((await client.api.api.releases[':id'].$get({ param: { id: release.id } })).status).toBe(404);
    const terms = await client.api.api.programs[':id'].terms.acceptance.$post({
      param: { id: world.program.id },
      json: { version: 1 },
    });
    expect(terms.status).toBe(404);
    expect((await client.api.api.auth.me.$get()).status, 'the session stays').toBe(200);
  });

  it('voids the link of an invited person it removes', async () => {
    const release = await createRelease(world.server, world.program.id);
    const [member] = await invite(world.lead, release.id, [{ email: 'uninvited@example.test' }]);
    const token = await invitationToken(world.lead, 'uninvited@example.test');
    expect((await world.lead.api.api.enrolments[':id'].remove.$post({ param: { id: member!.id } })).status).toBe(200);
    expect((await world.server.client().api.api.invitations.inspect.$post({ json: { token } })).status).toBe(410);
  });

  it('removes only invited or active people', async () => {
    const { ids } = await withApplications(['applicant-only@example.test']);
    const response = await world.lead.api.api.enrolments[':id'].remove.$post({ param: { id: ids[0]! } });
    expect(response.status).toBe(409);
  });
});
