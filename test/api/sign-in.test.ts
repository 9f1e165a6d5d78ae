import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInLimits } from '../../api/lib/sign-in-throttle.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer, testPassword } from '../support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

let address = 0;
const fromNewAddress = () => server.client({ 'x-forwarded-for': `203.0.113.${++address}` });

describe('sign-in', () => {
  it('signs in with the right password, in any letter case of the e-mail', async () => {
    const user = await server.createUser('engineer', { email: 'eve@example.test' });
    const client = fromNewAddress();
    const response = await client.api.api.auth['sign-in'].$post({
      json: { email: 'Eve@Example.TEST', password: testPassword },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(user);
    expect((await client.api.api.auth.me.$get()).status).toBe(200);
    // The session also names the programs the user leads (none here).
    expect(await bodyOf(await client.api.api.auth.session.$get(), 200)).toEqual({ user: { ...user, leads: [] } });
  });

  it('answers the session of a caller without one with a null user, not an error', async () => {
    expect(await bodyOf(await fromNewAddress().api.api.auth.session.$get(), 200)).toEqual({ user: null });
  });

  it('sends an httpOnly, SameSite=Lax session cookie, not Secure over http', async () => {
    const user = await server.createUser('engineer');
    const response = await fromNewAddress().api.api.auth['sign-in'].$post({
      json: { email: user.email, password: testPassword },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ft_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const user = await server.createUser('engineer');
    const wrong = await fromNewAddress().api.api.auth['sign-in'].$post({
      json: { email: user.email, password: 'not the password' },
    });
    const unknown = await fromNewAddress().api.api.auth['sign-in'].$post({
      json: { email: 'nobody@example.test', password: 'x' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect({ ...a, requestId: null }).toEqual({ ...b, requestId: null });
  });

  it('refuses a disabled account', async () => {
    const user = await server.createUser('engineer');
    await server.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const response = await fromNewAddress().api.api.auth['sign-in'].$post({
      json: { email: user.email, password: testPassword },
    });
    expect(response.status).toBe(401);
  });
});

describe('sign-in throttling', () => {
  it('answers 429 with Retry-After after repeated wrong passwords for one account, from any address', async () => {
    const user = await server.createUser('engineer');
    for (let attempt = 0; attempt < signInLimits.account.capacity; attempt++) {
      const response = await fromNewAddress().api.api.auth['sign-in'].$post({
        json: { email: user.email, password: 'guess' },
      });
      expect(response.status).toBe(401);
    }
    const blocked = await fromNewAddress().api.api.auth['sign-in'].$post({
      json: { email: user.email, password: testPassword },
    });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('lets the owner back in once the wait has passed', async () => {
    const user = await server.createUser('engineer');
    for (let attempt = 0; attempt <= signInLimits.account.capacity; attempt++) {
      await fromNewAddress().api.api.auth['sign-in'].$post({ json: { email: user.email, password: 'guess' } });
    }
    // One minute passes.
    await server.prisma
      .$executeRaw`update "LoginThrottle" set "updatedAt" = "updatedAt" - interval '61 seconds' where key = ${`account:${user.email}`}`;
    const response = await fromNewAddress().api.api.auth['sign-in'].$post({
      json: { email: user.email, password: testPassword },
    });
    expect(response.status).toBe(200);
  });

  it('throttles one address guessing across many accounts', async () => {
    const client = fromNewAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= signInLimits.address.capacity; attempt++) {
      const response = await client.api.api.auth['sign-in'].$post({
        json: { email: `nobody${attempt}@example.test`, password: 'guess' },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, signInLimits.address.capacity).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('does not let parallel guesses slip past the limit', async () => {
    const user = await server.createUser('engineer');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        fromNewAddress().api.api.auth['sign-in'].$post({ json: { email: user.email, password: 'guess' } }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(signInLimits.account.capacity);
    expect(statuses.filter((status) => status === 429)).toHaveLength(12 - signInLimits.account.capacity);
  });
});

describe('sign-in throttling while the owner signs in', () => {
  it("keeps counting an attacker's guesses from other addresses when the owner signs in between them", async () => {
    const user = await server.createUser('engineer');
    const owner = fromNewAddress();
    const attacker: number[] = [];
    for (let round = 0; round < signInLimits.account.capacity + 4; round++) {
      const guess = await fromNewAddress().api.api.auth['sign-in'].$post({
        json: { email: user.email, password: `guess ${round}` },
      });
      attacker.push(guess.status);
      const signIn = await owner.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
      expect(signIn.status, `the owner in round ${round}`).toBe(200);
    }
    expect(attacker).toEqual([
      ...Array<number>(signInLimits.account.capacity).fill(401),
      ...Array<number>(4).fill(429),
    ]);
  });

  it('lets the owner in from a new address once the documented wait has passed', async () => {
    const user = await server.createUser('engineer');
    for (let attempt = 0; attempt < signInLimits.account.capacity; attempt++) {
      await fromNewAddress().api.api.auth['sign-in'].$post({ json: { email: user.email, password: 'guess' } });
    }
    const owner = fromNewAddress();
    const blocked = await owner.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect(blocked.status).toBe(429);
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeLessThanOrEqual(1 / signInLimits.account.perSecond);
    // The wait passes.
    await server.prisma
      .$executeRaw`update "LoginThrottle" set "updatedAt" = "updatedAt" - make_interval(secs => ${wait}) where key = ${`account:${user.email}`}`;
    const signIn = await owner.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect(signIn.status).toBe(200);
  });
});

describe('current password checks when changing it', () => {
  const newPassword = 'a brand new passphrase';

  /** Signed in from an address no other test uses, since these tests drain the address's bucket too. */
  async function signedInFromNewAddress() {
    const user = await server.createUser('engineer');
    const client = fromNewAddress();
    await bodyOf(
      await client.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } }),
      200,
    );
    return { user, client };
  }

  it('answers 429 problem+json with Retry-After after repeated wrong current passwords, even to the right one', async () => {
    const { user, client } = await signedInFromNewAddress();
    for (let attempt = 0; attempt < signInLimits.knownAddress.capacity; attempt++) {
      const response = await client.api.api.account.password.$post({
        json: { currentPassword: `guess ${attempt}`, newPassword },
      });
      expect(response.status).toBe(400);
    }
    const blocked = await client.api.api.account.password.$post({
      json: { currentPassword: testPassword, newPassword },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    expect(await readProblem(blocked)).toMatchObject({ code: 'rate_limited', status: 429 });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const unchanged = await fromNewAddress().api.api.auth['sign-in'].$post({
      json: { email: user.email, password: newPassword },
    });
    expect(unchanged.status).toBe(401);
  });

  it('does not let parallel guesses of the current password slip past the limit', async () => {
    const { client } = await signedInFromNewAddress();
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, attempt) =>
        client.api.api.account.password.$post({ json: { currentPassword: `guess ${attempt}`, newPassword } }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(signInLimits.knownAddress.capacity);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25 - signInLimits.knownAddress.capacity);
  });

  it('shares the account’s guesses with sign-in, so a stolen session from elsewhere cannot add its own', async () => {
    const { user, client } = await signedInFromNewAddress();
    const stolen = server.client({
      'x-forwarded-for': '192.0.2.77',
      cookie: `ft_session=${client.cookies.get('ft_session')}`,
    });
    for (let attempt = 0; attempt < signInLimits.account.capacity; attempt++) {
      await fromNewAddress().api.api.auth['sign-in'].$post({ json: { email: user.email, password: 'guess' } });
    }
    const response = await stolen.api.api.account.password.$post({ json: { currentPassword: 'guess', newPassword } });
    expect(response.status).toBe(429);
  });
});

describe('sessions', () => {
  it('signs out this session only', async () => {
    const { user, client } = await signedInClient(server, 'engineer');
    const other = fromNewAddress();
    await other.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect((await client.api.api.auth['sign-out'].$post()).status).toBe(204);
    expect((await client.api.api.auth.me.$get()).status).toBe(401);
    expect((await other.api.api.auth.me.$get()).status).toBe(200);
  });

  it('signs out everywhere', async () => {
    const { user, client } = await signedInClient(server, 'internal_tester');
    const other = fromNewAddress();
    await other.api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
    expect((await client.api.api.auth['sign-out-everywhere'].$post()).status).toBe(204);
    expect((await client.api.api.auth.me.$get()).status).toBe(401);
    expect((await other.api.api.auth.me.$get()).status).toBe(401);
    expect(await server.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('ignores an expired session', async () => {
    const { user, client } = await signedInClient(server, 'engineer');
    await server.prisma.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const response = await client.api.api.auth.me.$get();
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('ends access when the account is disabled', async () => {
    const { user, client } = await signedInClient(server, 'engineer');
    await server.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await client.api.api.auth.me.$get()).status).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const { user, client } = await signedInClient(server, 'engineer');
    const token = client.cookies.get('ft_session');
    const sessions = await server.prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(token);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie-authenticated write from another origin', async () => {
    const { client } = await signedInClient(server, 'engineer');
    const response = await client.request('/api/auth/sign-out-everywhere', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe('cross_origin');
    expect((await client.api.api.auth.me.$get()).status).toBe(200);
  });

  it('refuses a write that the browser marks cross-site', async () => {
    const { client } = await signedInClient(server, 'engineer');
    const response = await client.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
  });

  it('accepts a write from the server’s own origin', async () => {
    const { client } = await signedInClient(server, 'engineer');
    const response = await client.request('/api/auth/sign-out', { method: 'POST', headers: { origin: server.url } });
    expect(response.status).toBe(204);
  });
});

describe('cookies under https', () => {
  it('marks the cookie Secure and host-only when the public URL is https', async () => {
    const secure = await startTestServer({ PUBLIC_URL: 'https://fieldtest.example' });
    try {
      const user = await secure.createUser('engineer');
      const response = await secure
        .client()
        .api.api.auth['sign-in'].$post({ json: { email: user.email, password: testPassword } });
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^__Host-ft_session=/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; Path=\//i);
    } finally {
      await secure.stop();
    }
  });
});
