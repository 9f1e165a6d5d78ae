import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCustomer,
  createProgramWithRelease,
  type InboundWorld,
  programRepo,
  settle,
  startInboundWorld,
} from '../support/github-inbound-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, testPassword } from '../support/test-server.ts';

// An MVP links their GitHub login by signing in with GitHub (the OAuth web flow against the
// emulator): issues that login opens directly on GitHub are theirs, customer finds from the moment
// they were opened, and unlinking later keeps the history.

const oauth = { clientId: 'Iv1.fieldtest-test', clientSecret: 'a client secret for tests' };
let world: InboundWorld;
const engineer = 'eng-octo';

beforeAll(async () => {
  world = await startInboundWorld({ oauth });
  await world.emulator.control.setAssociation(programRepo, engineer, 'COLLABORATOR');
});
afterAll(() => world?.stop());

const gh = () => world.emulator.control;

async function signedInMvp() {
  const user = await createCustomer(world.server);
  const client = world.server.client({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` });
  await bodyOf(
    await client.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } }),
    200,
  );
  return { user, client };
}

/** The browser's round trip: Fieldtest → GitHub's authorize page (signed in as `login`) → the callback. */
async function linkAs(client: TestClient, login: string | null) {
  const { authorizeUrl } = await bodyOf(await client.api.api.me.github.link.$post(), 200);
  expect(authorizeUrl.startsWith(`${world.emulator.url}/login/oauth/authorize?`)).toBe(true);
  await gh().signInBrowser(login);
  const atGithub = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(atGithub.status).toBe(302);
  const callback = new URL(atGithub.headers.get('location')!);
  expect(callback.pathname).toBe('/api/me/github/callback');
  const back = await client.request(`${callback.pathname}${callback.search}`, { redirect: 'manual' });
  return { status: back.status, location: back.headers.get('location'), callback };
}

async function releaseFigures(lead: TestClient, releaseId: string) {
  const stats = await bodyOf(await lead.api.api.releases[':id'].stats.$get({ param: { id: releaseId } }), 200);
  return { priority: stats.priority.clusters, customerFound: stats.priority.customerFound };
}

describe('linking a GitHub login', () => {
  it('makes the issues it opened on GitHub customer finds from the moment they were opened, and keeps them after unlinking', async () => {
    const { program, release } = await createProgramWithRelease(world.server);
    const { client: lead } = await signedInClient(world.server, 'admin');
    const { user, client } = await signedInMvp();
    const login = `mvp-octo-${user.id.slice(-6)}`;
    const before = await gh().openIssue(programRepo, {
      login,
      title: 'Crash when the disk is full',
      labels: [`release: ${release.version}`, 'P1'],
    });
    await settle(world);
    expect(await releaseFigures(lead, release.id)).toEqual({ priority: 1, customerFound: 0 });

    const linked = await linkAs(client, login);
    expect(linked).toMatchObject({ status: 302, location: '/profile?github=linked' });
    expect(await bodyOf(await client.api.api.me.github.$get(), 200)).toEqual({ login, linkable: true });
    expect(await releaseFigures(lead, release.id)).toEqual({ priority: 1, customerFound: 1 });
    const report = await world.server.prisma.report.findUniqueOrThrow({
      where: { issueRepo_issueNumber: { issueRepo: programRepo, issueNumber: before.number } },
      select: { source: true, reporterId: true, programId: true },
    });
    expect(report).toEqual({ source: 'customer', reporterId: user.id, programId: program.id });

    // Unlinked: what the login brought stays theirs; what it opens from now on is not.
    expect((await client.api.api.me.github.$delete()).status).toBe(204);
    expect(await releaseFigures(lead, release.id)).toEqual({ priority: 1, customerFound: 1 });
    await gh().openIssue(programRepo, { login, title: 'Another crash', labels: [`release: ${release.version}`, 'P0'] });
    await settle(world);
    expect(await releaseFigures(lead, release.id)).toEqual({ priority: 2, customerFound: 1 });
  });

  it('counts issues opened after linking as customer finds from the start', async () => {
    const { release } = await createProgramWithRelease(world.server);
    const { client: lead } = await signedInClient(world.server, 'admin');
    const { user, client } = await signedInMvp();
    const login = `early-octo-${user.id.slice(-6)}`;
    expect((await linkAs(client, login)).location).toBe('/profile?github=linked');
    await gh().openIssue(programRepo, {
      login,
      title: 'Freeze on save',
      labels: [`release: ${release.version}`, 'P0'],
    });
    await settle(world);
    expect(await releaseFigures(lead, release.id)).toEqual({ priority: 1, customerFound: 1 });
  });

  it('refuses a login another MVP has linked, and keeps it theirs', async () => {
    const first = await signedInMvp();
    const second = await signedInMvp();
    const login = `shared-octo-${first.user.id.slice(-6)}`;
    expect((await linkAs(first.client, login)).location).toBe('/profile?github=linked');
    expect((await linkAs(second.client, login)).location).toBe('/profile?github=taken');
    expect(await bodyOf(await second.client.api.api.me.github.$get(), 200)).toMatchObject({ login: null });
    expect(await bodyOf(await first.client.api.api.me.github.$get(), 200)).toMatchObject({ login });
  });

  it('says so when the MVP cancels on GitHub, and a code is good once', async () => {
    const { client } = await signedInMvp();
    expect((await linkAs(client, null)).location).toBe('/profile?github=cancelled');
    const used = await linkAs(client, 'once-octo');
    expect(used.location).toBe('/profile?github=linked');
    // The same answer replayed: its state cookie is spent, so it is refused before GitHub is asked.
    const replay = await client.request(`${used.callback.pathname}${used.callback.search}`, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect((await readProblem(replay)).errors).toEqual([expect.objectContaining({ field: 'state' })]);
  });

  it("refuses an answer this browser did not ask for, and another customer's session cannot finish it", async () => {
    const victim = await signedInMvp();
    const attacker = await signedInMvp();
    const { authorizeUrl } = await bodyOf(await attacker.client.api.api.me.github.link.$post(), 200);
    await gh().signInBrowser('attacker-octo');
    const atGithub = await fetch(authorizeUrl, { redirect: 'manual' });
    const callback = new URL(atGithub.headers.get('location')!);
    const forced = await victim.client.request(`${callback.pathname}${callback.search}`, { redirect: 'manual' });
    expect(forced.status).toBe(400);
    expect(await bodyOf(await victim.client.api.api.me.github.$get(), 200)).toMatchObject({ login: null });
    const hostile = await victim.client.request('/api/me/github/callback?code=%E0%A4%A&state=%00', {
      redirect: 'manual',
    });
    expect(hostile.status).toBe(400);
  });

  it('is for MVPs only', async () => {
    const { client } = await signedInClient(world.server, 'engineer');
    expect((await client.api.api.me.github.link.$post()).status).toBe(403);
    expect((await world.server.client().api.api.me.github.$get()).status).toBe(401);
  });
});

describe("staff's GitHub logins", () => {
  it('are mapped by an admin: the issues they open are the internal tester’s, before and after, and stay internal', async () => {
    const { program, release } = await createProgramWithRelease(world.server);
    const { client: admin } = await signedInClient(world.server, 'admin');
    const { user: tester, client: testerClient } = await signedInClient(world.server, 'internal_tester', {
      programs: [program.id],
    });
    const login = `qa-octo-${tester.id.slice(-6)}`;
    const before = await gh().openIssue(programRepo, {
      login,
      title: 'Toolbar flickers on resize',
      labels: [`release: ${release.version}`, 'P1'],
    });
    await settle(world);
    const mapped = await bodyOf(
      await admin.api.api.staff[':id'].$patch({ param: { id: tester.id }, json: { githubLogin: login } }),
      200,
    );
    expect(mapped.githubLogin).toBe(login);
    await gh().openIssue(programRepo, { login, title: 'Menu lags', labels: [`release: ${release.version}`, 'P0'] });
    await settle(world);
    const theirs = await world.server.prisma.report.findMany({
      where: { programId: program.id, reporterLogin: login },
      select: { issueNumber: true, source: true, reporterId: true },
      orderBy: { issueNumber: 'asc' },
    });
    expect(theirs).toHaveLength(2);
    expect(theirs[0]).toEqual({ issueNumber: before.number, source: 'internal', reporterId: tester.id });
    expect(theirs.every((report) => report.reporterId === tester.id && report.source === 'internal')).toBe(true);
    expect(await releaseFigures(admin, release.id)).toEqual({ priority: 2, customerFound: 0 });
    const mine = await bodyOf(await testerClient.api.api.me.reports.$get({ query: {} }), 200);
    expect(mine.items.map((item) => item.title).sort()).toEqual(['Menu lags', 'Toolbar flickers on resize']);
  });

  it('belong to one person: an MVP cannot link a staff login, nor staff take an MVP’s', async () => {
    const { client: admin } = await signedInClient(world.server, 'admin');
    const { user: engineer } = await signedInClient(world.server, 'engineer');
    const staffLogin = `eng-octo-${engineer.id.slice(-6)}`;
    await bodyOf(
      await admin.api.api.staff[':id'].$patch({ param: { id: engineer.id }, json: { githubLogin: staffLogin } }),
      200,
    );
    const { client } = await signedInMvp();
    expect((await linkAs(client, staffLogin)).location).toBe('/profile?github=taken');

    const other = await signedInMvp();
    const mvpLogin = `mvp-octo-${other.user.id.slice(-6)}`;
    expect((await linkAs(other.client, mvpLogin)).location).toBe('/profile?github=linked');
    const refused = await admin.api.api.staff[':id'].$patch({
      param: { id: engineer.id },
      json: { githubLogin: mvpLogin.toUpperCase() },
    });
    expect(refused.status).toBe(409);
    expect((await readProblem(refused)).errors).toEqual([expect.objectContaining({ field: 'githubLogin' })]);
  });
});
