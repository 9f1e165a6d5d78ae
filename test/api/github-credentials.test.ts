import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { type GithubEmulator, startGithubEmulator } from '../../scripts/github-emulator/start-github-emulator.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { syncFixtures, until } from '../support/sync-outbound-fixtures.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// Programs that bring their own GitHub credential (a token, or a GitHub App installation): the sync
// speaks for each program with its own, the others with the server's; the credential is sealed at
// rest with CREDENTIALS_KEY and never leaves the server.

const timeScale = 60;
const credentialsKey = randomBytes(32).toString('base64');
const betaToken = `ghp_${randomBytes(18).toString('hex')}`;
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const appPrivateKey = appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let server: TestServer;
let emulator: GithubEmulator;
beforeAll(async () => {
  emulator = await startGithubEmulator({
    timeScale,
    tokens: [{ token: betaToken, login: 'beta-sync-bot' }],
    app: {
      appId: 4242,
      slug: 'acme-sync',
      publicKey: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  });
  server = await startTestServer({
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: emulator.token,
    GITHUB_TIME_SCALE: String(timeScale),
    CREDENTIALS_KEY: credentialsKey,
  });
});
afterAll(async () => {
  await Promise.all([server?.stop(), emulator?.stop()]);
});

const { setUp, mvpOf, fileReport, untilLinked } = syncFixtures({
  server: () => server,
  emulator: () => emulator,
  timeScale,
});

async function leadOf(programId: string) {
  return (await signedInClient(server, 'engineer', { programs: [programId], lead: true })).client;
}

async function issueAuthor(repo: string, reportId: string): Promise<string | undefined> {
  const issues = await emulator.control.issues(repo);
  return issues.find((issue) => issue.body?.includes(reportMarker(reportId)))?.user?.login;
}

describe("a program's own GitHub credential", () => {
  it("files that program's reports with it, and every other program's with the server's", async () => {
    const alpha = await setUp();
    const beta = await setUp();
    const lead = await leadOf(beta.programId);
    const route = lead.api.api.programs[':id']['github-credential'];
    expect(await bodyOf(await route.$get({ param: { id: beta.programId } }), 200)).toEqual({
      source: 'environment',
      kind: 'token',
      hint: null,
      setAt: null,
      usable: true,
      programsMayBringCredentials: true,
    });
    const stored = await bodyOf(
      await route.$put({ param: { id: beta.programId }, json: { kind: 'token', token: betaToken } }),
      200,
    );
    expect(stored).toMatchObject({
      source: 'program',
      kind: 'token',
      hint: `token ending …${betaToken.slice(-4)}`,
      usable: true,
    });

    const alphaReport = await fileReport((await mvpOf(alpha.release)).client, alpha.release.id);
    const betaReport = await fileReport((await mvpOf(beta.release)).client, beta.release.id);
    await untilLinked(alphaReport.id);
    await untilLinked(betaReport.id);
    expect(await issueAuthor(alpha.repo, alphaReport.id)).toBe('fieldtest-bot');
    expect(await issueAuthor(beta.repo, betaReport.id)).toBe('beta-sync-bot');
    // The repository check after saving ran with the program's credential too.
    const check = await until(
      () => server.prisma.programSync.findUnique({ where: { programId: beta.programId } }),
      (sync) => sync?.repoCheckedAt != null,
    );
    expect(check?.repoProblem).toBeNull();

    // Back to the server's credential.
    expect(await bodyOf(await route.$delete({ param: { id: beta.programId } }), 200)).toMatchObject({
      source: 'environment',
      hint: null,
    });
    // Who changed it stays on the audit trail, with what may be shown of it only.
    const trail = await server.prisma.auditEntry.findMany({
      where: { programId: beta.programId, action: 'program.github_credential_changed' },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { before: true, after: true },
    });
    expect(trail).toEqual([
      { before: { credential: "the server's" }, after: { credential: `token ending …${betaToken.slice(-4)}` } },
      { before: { credential: `token ending …${betaToken.slice(-4)}` }, after: { credential: "the server's" } },
    ]);
    const later = await fileReport((await mvpOf(beta.release)).client, beta.release.id);
    await untilLinked(later.id);
    expect(await issueAuthor(beta.repo, later.id)).toBe('fieldtest-bot');
  });

  it('works with a GitHub App installation, whose tokens it mints itself', async () => {
    const gamma = await setUp();
    const lead = await leadOf(gamma.programId);
    const stored = await bodyOf(
      await lead.api.api.programs[':id']['github-credential'].$put({
        param: { id: gamma.programId },
        json: { kind: 'app', appId: 4242, privateKey: appPrivateKey, installationId: 77 },
      }),
      200,
    );
    expect(stored).toMatchObject({ source: 'program', kind: 'app', hint: 'App 4242, installation 77' });
    const report = await fileReport((await mvpOf(gamma.release)).client, gamma.release.id);
    await untilLinked(report.id);
    expect(await issueAuthor(gamma.repo, report.id)).toBe('acme-sync[bot]');
  });

  it("finds a GitHub App's installation from the program's repository when it is left out", async () => {
    const theta = await setUp();
    const lead = await leadOf(theta.programId);
    const route = lead.api.api.programs[':id']['github-credential'];
    const stored = await bodyOf(
      await route.$put({
        param: { id: theta.programId },
        json: { kind: 'app', appId: 4242, privateKey: appPrivateKey },
      }),
      200,
    );
    expect(stored.hint).toMatch(/^App 4242, installation \d+$/);
    const report = await fileReport((await mvpOf(theta.release)).client, theta.release.id);
    await untilLinked(report.id);
    expect(await issueAuthor(theta.repo, report.id)).toBe('acme-sync[bot]');

    // A repository the App is not installed on (here: none) is named in the answer, and nothing changes.
    const nowhere = await setUp({ createRepo: false });
    const nowhereLead = await leadOf(nowhere.programId);
    const refused = await nowhereLead.api.api.programs[':id']['github-credential'].$put({
      param: { id: nowhere.programId },
      json: { kind: 'app', appId: 4242, privateKey: appPrivateKey, installationId: '' },
    });
    expect(refused.status).toBe(400);
    const problem = await readProblem(refused);
    expect(problem.errors).toEqual([
      { field: 'installationId', message: expect.stringContaining(`not installed on ${nowhere.repo}`) },
    ]);
    expect(await server.prisma.programGithubCredential.count({ where: { programId: nowhere.programId } })).toBe(0);
  });

  it('is never given back, and is stored sealed to its program', async () => {
    const delta = await setUp();
    const epsilon = await setUp();
    const lead = await leadOf(delta.programId);
    const route = lead.api.api.programs[':id']['github-credential'];
    const put = await route.$put({ param: { id: delta.programId }, json: { kind: 'token', token: betaToken } });
    const get = await route.$get({ param: { id: delta.programId } });
    for (const response of [put, get]) expect(await response.text()).not.toContain(betaToken.slice(0, -4));
    const app = await route.$put({
      param: { id: delta.programId },
      json: { kind: 'app', appId: 4242, privateKey: appPrivateKey, installationId: 77 },
    });
    expect(await app.text()).not.toContain('PRIVATE KEY');
    await route.$put({ param: { id: delta.programId }, json: { kind: 'token', token: betaToken } });

    const row = await server.prisma.programGithubCredential.findUniqueOrThrow({
      where: { programId: delta.programId },
    });
    expect(row.sealed).not.toContain(betaToken);
    expect(row.sealed).not.toContain(Buffer.from(betaToken).toString('base64'));
    // Copied onto another program's row it does not open: that program is not connected, and its
    // reports wait rather than go out with a credential not given for them.
    await server.prisma.programGithubCredential.create({
      data: { programId: epsilon.programId, kind: 'token', sealed: row.sealed, hint: row.hint },
    });
    const epsilonLead = await leadOf(epsilon.programId);
    expect(
      await bodyOf(
        await epsilonLead.api.api.programs[':id']['github-credential'].$get({ param: { id: epsilon.programId } }),
        200,
      ),
    ).toMatchObject({ source: 'program', usable: false });
    const waiting = await fileReport((await mvpOf(epsilon.release)).client, epsilon.release.id);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await emulator.control.issues(epsilon.repo)).toEqual([]);
    expect(await server.prisma.report.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      issueNumber: null,
    });
  });

  it('refuses what is not a credential with the field at fault, keeping the one stored', async () => {
    const zeta = await setUp();
    const lead = await leadOf(zeta.programId);
    const route = lead.api.api.programs[':id']['github-credential'];
    await bodyOf(await route.$put({ param: { id: zeta.programId }, json: { kind: 'token', token: betaToken } }), 200);
    const refusals: [unknown, string][] = [
      [{ kind: 'token', token: 'two words' }, 'token'],
      [{ kind: 'token', token: 'ghp_\u0000abc' }, 'token'],
      [{ kind: 'token', token: '' }, 'token'],
      [{ kind: 'token', token: 'x'.repeat(256) }, 'token'],
      [{ kind: 'app', appId: 4242, privateKey: 'not a key', installationId: 77 }, 'privateKey'],
      [
        {
          kind: 'app',
          appId: 4242,
          privateKey: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----',
          installationId: 77,
        },
        'privateKey',
      ],
      [{ kind: 'app', appId: -1, privateKey: appPrivateKey, installationId: 77 }, 'appId'],
      [{ kind: 'app', appId: 4242, privateKey: appPrivateKey, installationId: 0 }, 'installationId'],
      [{ kind: 'password', password: 'hunter2' }, 'kind'],
      [{ kind: 'token', token: betaToken, extra: true }, ''],
    ];
    for (const [json, field] of refusals) {
      const response = await route.$put({ param: { id: zeta.programId }, json: json as never });
      expect(response.status, JSON.stringify(json)).toBe(400);
      const problem = await readProblem(response);
      if (field)
        expect(
          problem.errors?.map((error) => error.field),
          JSON.stringify(json),
        ).toContain(field);
      expect(JSON.stringify(problem)).not.toContain('hunter2');
    }
    expect(await bodyOf(await route.$get({ param: { id: zeta.programId } }), 200)).toMatchObject({
      source: 'program',
      hint: `token ending …${betaToken.slice(-4)}`,
    });
  });

  it('is changed by admins and the program’s leads only, and read by its staff only', async () => {
    const eta = await setUp();
    const route = (client: Awaited<ReturnType<typeof signedInClient>>['client']) =>
      client.api.api.programs[':id']['github-credential'];
    const put = (client: Awaited<ReturnType<typeof signedInClient>>['client']) =>
      route(client).$put({ param: { id: eta.programId }, json: { kind: 'token', token: betaToken } });
    const mvp = await mvpOf(eta.release);
    expect((await route(mvp.client).$get({ param: { id: eta.programId } })).status).toBe(403);
    expect((await put(mvp.client)).status).toBe(403);
    const outsider = (await signedInClient(server, 'engineer')).client;
    expect((await route(outsider).$get({ param: { id: eta.programId } })).status).toBe(404);
    expect((await put(outsider)).status).toBe(404);
    const member = (await signedInClient(server, 'engineer', { programs: [eta.programId] })).client;
    expect((await route(member).$get({ param: { id: eta.programId } })).status).toBe(200);
    expect((await put(member)).status).toBe(403);
    const admin = (await signedInClient(server, 'admin')).client;
    expect((await put(admin)).status).toBe(200);
    expect((await route(admin).$delete({ param: { id: eta.programId } })).status).toBe(200);
  });
});

describe('a server without CREDENTIALS_KEY', () => {
  it('keeps no credentials of programs and says how to enable them', async () => {
    const plain = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: emulator.token,
      SYNC_WORKER: 'false',
    });
    try {
      const { programId } = await syncFixtures({ server: () => plain, emulator: () => emulator, timeScale }).setUp();
      const lead = (await signedInClient(plain, 'engineer', { programs: [programId], lead: true })).client;
      const route = lead.api.api.programs[':id']['github-credential'];
      const refused = await route.$put({ param: { id: programId }, json: { kind: 'token', token: betaToken } });
      expect(refused.status).toBe(409);
      expect((await readProblem(refused)).detail).toMatch(/CREDENTIALS_KEY/);
      expect(await bodyOf(await route.$get({ param: { id: programId } }), 200)).toMatchObject({
        source: 'environment',
        programsMayBringCredentials: false,
      });
      expect(await plain.prisma.programGithubCredential.count()).toBe(0);
    } finally {
      await plain.stop();
    }
  });
});
