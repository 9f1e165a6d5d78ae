import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCustomer,
  createProgramWithRelease,
  type InboundWorld,
  startInboundWorld,
} from '../support/github-inbound-fixtures.ts';
import { bodyOf } from '../support/problem.ts';
import { signedInClient, testPassword } from '../support/test-server.ts';

// A program's repository checked on GitHub (the emulator): it exists and the credential sees it,
// and the labels the sync puts on issues are there, created when missing.

let world: InboundWorld;

beforeAll(async () => {
  world = await startInboundWorld();
});
afterAll(() => world?.stop());

const gh = () => world.emulator.control;

async function programOn(repo: string) {
  const made = await createProgramWithRelease(world.server, { repo });
  return { programId: made.program.id, version: made.release.version };
}

async function labelsOf(repo: string): Promise<string[]> {
  const response = await fetch(`${world.emulator.url}/repos/${repo}/labels?per_page=100`, {
    headers: { authorization: `token ${world.emulator.token}` },
  });
  return ((await response.json()) as { name: string }[]).map((label) => label.name).sort();
}

describe('checking a program repository', () => {
  it('creates the labels the sync needs once, and says the repository is connected', async () => {
    const repo = `acme/check-${randomUUID().slice(0, 8)}`;
    await gh().createRepo(repo);
    const { programId, version } = await programOn(repo);
    const { client: admin } = await signedInClient(world.server, 'admin');
    const route = admin.api.api.programs[':id']['repository-check'];
    expect(await bodyOf(await route.$get({ param: { id: programId } }), 200)).toMatchObject({
      checkedAt: null,
      connected: false,
    });

    const first = await bodyOf(await route.$post({ param: { id: programId } }), 200);
    expect(first).toMatchObject({ githubRepo: repo, connected: true, problem: null });
    const expected = [
      'fieldtest',
      'source: customer',
      'source: internal',
      `release: ${version}`,
      'P0',
      'P1',
      'P2',
      'P3',
      'priority: critical',
      'priority: high',
    ];
    expect([...first.labelsCreated].sort()).toEqual([...expected].sort());
    expect(await labelsOf(repo)).toEqual([...expected].sort());

    const again = await bodyOf(await route.$post({ param: { id: programId } }), 200);
    expect(again).toMatchObject({ connected: true, labelsCreated: [] });
    expect(await bodyOf(await route.$get({ param: { id: programId } }), 200)).toMatchObject({ connected: true });
  });

  it('says plainly when the repository is not there, or GitHub cannot be asked', async () => {
    const { programId } = await programOn(`acme/missing-${randomUUID().slice(0, 8)}`);
    const { client: admin } = await signedInClient(world.server, 'admin');
    const route = admin.api.api.programs[':id']['repository-check'];
    const missing = await bodyOf(await route.$post({ param: { id: programId } }), 200);
    expect(missing).toMatchObject({ connected: false, labelsCreated: [] });
    expect(missing.problem).toMatch(/no repository acme\/missing-.* or the credential cannot see it/);

    const repo = `acme/down-${randomUUID().slice(0, 8)}`;
    await gh().createRepo(repo);
    const down = await programOn(repo);
    await gh().addFaults({ path: `/repos/${repo}$`, kind: 'status', status: 404, times: 1 });
    const hidden = await bodyOf(await route.$post({ param: { id: down.programId } }), 200);
    expect(hidden.connected).toBe(false);
    expect(await bodyOf(await route.$get({ param: { id: down.programId } }), 200)).toMatchObject({
      connected: false,
      problem: hidden.problem,
    });
  });

  it('is run by admins and read by staff, not by customers', async () => {
    const { programId } = await programOn('acme/desktop');
    const { client: mvp } = await signedInClient(world.server, 'mvp');
    expect((await mvp.api.api.programs[':id']['repository-check'].$post({ param: { id: programId } })).status).toBe(
      403,
    );
    expect(
      (await world.server.client().api.api.programs[':id']['repository-check'].$get({ param: { id: programId } }))
        .status,
    ).toBe(401);
  });

  it('is said where it matters: the programs list for staff, and a report waiting for GitHub, to staff and reporter', async () => {
    const repo = `acme/unknown-${randomUUID().slice(0, 8)}`;
    const made = await createProgramWithRelease(world.server, { repo });
    const { client: admin } = await signedInClient(world.server, 'admin');
    await bodyOf(
      await admin.api.api.programs[':id']['repository-check'].$post({ param: { id: made.program.id } }),
      200,
    );
    const listed = await bodyOf(await admin.api.api.programs.$get(), 200);
    expect(listed.items.find((program) => program.id === made.program.id)?.githubProblem).toMatch(/no repository/);

    const customer = await createCustomer(world.server);
    await world.server.prisma.enrolment.create({
      data: {
        releaseId: made.release.id,
        userId: customer.id,
        email: customer.email,
        name: 'A customer',
        company: 'Acme Customer',
        status: 'active',
        source: 'invitation',
      },
      select: { id: true },
    });
    const report = await world.server.prisma.report.create({
      data: {
        programId: made.program.id,
        releaseId: made.release.id,
        reporterId: customer.id,
        source: 'customer',
        title: 'Export hangs',
        steps: 'Export a large file',
        expected: 'A file',
        actual: 'Nothing',
        severity: 'major',
        environment: {},
      },
      select: { id: true },
    });
    const staffView = await bodyOf(await admin.api.api.reports[':id'].$get({ param: { id: report.id } }), 200);
    expect(staffView.waitingForGithub).toMatch(/^Waiting for GitHub: GitHub has no repository/);
    const theirs = world.server.client();
    await bodyOf(
      await theirs.api.api.auth['sign-in'].$post({ json: { email: customer.email, password: testPassword } }),
      200,
    );
    const reporterView = await bodyOf(await theirs.api.api.reports[':id'].$get({ param: { id: report.id } }), 200);
    expect(reporterView.waitingForGithub).toMatch(/^Saved\. It reaches engineering/);
    expect(reporterView.waitingForGithub).not.toContain(repo);
  });
});
