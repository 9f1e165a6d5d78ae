import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetLimits } from '../../api/auth/password-reset-throttle.ts';
import { hashToken } from '../../api/lib/tokens.ts';
import { browser, latestMail, linkIn } from '../support/enrolment-fixtures.ts';
import { messagesTo } from '../support/github-inbound-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { startSmtpServer } from '../support/smtp-server.ts';
import { signedInClient, startTestServer, type TestServer, testPassword, tokenOf } from '../support/test-server.ts';

// Password reset by e-mailed link: asked for on a public form, so it must not tell who has an
// account, must not fill anyone's mailbox, and the link must work once, for one account. The server
// sends through a real SMTP server (a separate process); the outbox keeps what was written.

const newPassword = 'a fresh and long passphrase';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: TestServer;
let lead: TestClient;
beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  lead = (await signedInClient(server, 'admin')).client;
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

/** Asks for a reset from a browser of its own, as someone at the sign-in page would. */
function askForReset(email: string, from: TestClient = browser(server)) {
  return from.api.api.auth['password-reset'].$post({ json: { email } });
}

/** The token of the newest reset link e-mailed to the address, read as a program lead reads the outbox. */
async function resetToken(email: string): Promise<string> {
  return tokenOf(linkIn((await latestMail(lead, email, 'password-reset')).text, '/set-password'));
}

function setPassword(token: string, password = newPassword, from: TestClient = browser(server)) {
  return from.api.api.auth['set-password'].$post({ json: { token, password } });
}

async function signsInWith(email: string, password: string): Promise<number> {
  return (await browser(server).api.api.auth['sign-in'].$post({ json: { email, password } })).status;
}

describe('password reset by e-mailed link', () => {
  it('mails an MVP a link that sets a new password, ends their other sessions and signs them in', async () => {
    const mvp = await server.createUser('mvp', { email: 'casey@example.test' });
    const elsewhere = browser(server);
    await bodyOf(
      await elsewhere.api.api.auth['sign-in'].$post({ json: { email: mvp.email, password: testPassword } }),
      200,
    );

    const asked = await askForReset('Casey@Example.TEST');
    expect(await bodyOf(asked, 202)).toEqual({ status: 'requested' });

    const mail = await smtp.waitFor((received) => received.to.includes(mvp.email));
    expect(mail.subject).toBe('Choose a new Fieldtest password');
    const token = tokenOf(linkIn(mail.text, '/set-password'));
    const reader = browser(server);
    expect(await bodyOf(await reader.api.api.auth.links.inspect.$post({ json: { token } }), 200)).toMatchObject({
      purpose: 'password_reset',
      email: mvp.email,
      name: mvp.name,
    });

    expect(await bodyOf(await setPassword(token, newPassword, reader), 200)).toEqual(mvp);
    expect(await bodyOf(await reader.api.api.auth.me.$get(), 200)).toMatchObject({ id: mvp.id, role: 'mvp' });
    expect((await elsewhere.api.api.auth.me.$get()).status).toBe(401);
    expect(await server.prisma.session.count({ where: { userId: mvp.id } })).toBe(1);
    expect(await signsInWith(mvp.email, testPassword)).toBe(401);
    expect(await signsInWith(mvp.email, newPassword)).toBe(200);
  });

  it('mails a staff member the link too, through the same page', async () => {
    const engineer = await server.createUser('engineer');
    await bodyOf(await askForReset(engineer.email), 202);
    const message = await latestMail(lead, engineer.email, 'password-reset');
    expect(message.subject).toBe('Choose a new Fieldtest password');
    const newcomer = browser(server);
    await bodyOf(await setPassword(await resetToken(engineer.email), newPassword, newcomer), 200);
    expect(await bodyOf(await newcomer.api.api.auth.me.$get(), 200)).toMatchObject({ role: 'engineer' });
  });

  it('mails a staff member who has not chosen a password yet, who can then choose one', async () => {
    const invited = await server.createUser('internal_tester', { password: null });
    await bodyOf(await askForReset(invited.email), 202);
    await bodyOf(await setPassword(await resetToken(invited.email)), 200);
    expect(await signsInWith(invited.email, newPassword)).toBe(200);
  });

  it('answers an unknown and a disabled address exactly as a known one, and mails neither', async () => {
    const known = await server.createUser('mvp');
    const disabled = await server.createUser('mvp');
    await server.prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const answers = await Promise.all(
      [known.email, 'nobody-here@example.test', disabled.email].map(async (email) => {
        const response = await askForReset(email);
        return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
      }),
    );
    expect(answers[0]).toMatchObject({ status: 202 });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    expect((await messagesTo(server, known.email)).map((message) => message.kind)).toEqual(['password-reset']);
    expect(await messagesTo(server, 'nobody-here@example.test')).toEqual([]);
    expect(await messagesTo(server, disabled.email)).toEqual([]);
    expect(await server.prisma.accountToken.count({ where: { userId: disabled.id } })).toBe(0);
  });

  it('refuses a link of an account disabled after it was sent, and keeps the password', async () => {
    const mvp = await server.createUser('mvp');
    await bodyOf(await askForReset(mvp.email), 202);
    const token = await resetToken(mvp.email);
    await server.prisma.user.update({ where: { id: mvp.id }, data: { disabledAt: new Date() } });
    const refused = await setPassword(token);
    expect(refused.status).toBe(410);
    expect((await readProblem(refused)).detail).toMatch(/disabled/);
    await server.prisma.user.update({ where: { id: mvp.id }, data: { disabledAt: null } });
    expect(await signsInWith(mvp.email, testPassword)).toBe(200);
  });
});

describe('reset links are single-use and short-lived', () => {
  it('works once: a second use is 410, and the password stays the one chosen first', async () => {
    const mvp = await server.createUser('mvp');
    await bodyOf(await askForReset(mvp.email), 202);
    const token = await resetToken(mvp.email);
    await bodyOf(await setPassword(token), 200);
    const again = await setPassword(token, 'someone else’s password');
    expect(again.status).toBe(410);
    expect((await readProblem(again)).detail).toMatch(/already been used/);
    expect((await browser(server).api.api.auth.links.inspect.$post({ json: { token } })).status).toBe(410);
    expect(await signsInWith(mvp.email, newPassword)).toBe(200);
  });

  it('stops working when it expires', async () => {
    const mvp = await server.createUser('mvp');
    await bodyOf(await askForReset(mvp.email), 202);
    const token = await resetToken(mvp.email);
    const link = await server.prisma.accountToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(token) },
      select: { expiresAt: true, createdAt: true },
    });
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeCloseTo(60 * 60_000, -3);
    // The hour passes.
    await server.prisma.accountToken.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await browser(server).api.api.auth.links.inspect.$post({ json: { token } })).status).toBe(410);
    const expired = await setPassword(token);
    expect(expired.status).toBe(410);
    expect((await readProblem(expired)).detail).toMatch(/expired/);
    expect(await signsInWith(mvp.email, testPassword)).toBe(200);
  });

  it('voids the earlier unused link when another is asked for', async () => {
    const mvp = await server.createUser('mvp');
    await bodyOf(await askForReset(mvp.email), 202);
    const first = await resetToken(mvp.email);
    await bodyOf(await askForReset(mvp.email), 202);
    const second = await resetToken(mvp.email);
    expect(second).not.toBe(first);
    expect((await setPassword(first)).status).toBe(410);
    await bodyOf(await setPassword(second), 200);
  });

  it('leaves one working link when several are asked for at once', async () => {
    const mvp = await server.createUser('mvp');
    const answers = await Promise.all(
      Array.from({ length: passwordResetLimits.mailbox.capacity }, () => askForReset(mvp.email)),
    );
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    expect(
      await server.prisma.accountToken.count({ where: { userId: mvp.id, purpose: 'password_reset', usedAt: null } }),
    ).toBe(1);
  });

  it('counts no time, never negative time, since a parallel request that began later wrote the bucket', async () => {
    // A request's clock is when its transaction began; a parallel one that began later can commit
    // first, leaving the bucket's time ahead of ours. That must not cost the mailbox its tokens.
    const mvp = await server.createUser('mvp');
    await bodyOf(await askForReset(mvp.email), 202);
    await server.prisma.$executeRaw`
      update "LoginThrottle" set "updatedAt" = now() + interval '2 seconds' where key = ${`reset-mailbox:${mvp.email}`}`;
    for (let ask = 1; ask < passwordResetLimits.mailbox.capacity; ask++)
      await bodyOf(await askForReset(mvp.email), 202);
    expect((await askForReset(mvp.email)).status).toBe(429);
  });

  it("voids the account's other password links once a password is chosen", async () => {
    const { member, passwordLink } = await bodyOf(
      await lead.api.api.staff.$post({
        json: { email: 'two-links@example.test', name: 'Two Links', role: 'engineer' },
      }),
      201,
    );
    await bodyOf(await askForReset(member.email), 202);
    await bodyOf(await setPassword(await resetToken(member.email)), 200);
    expect((await setPassword(tokenOf(passwordLink.url), 'the link from the admin')).status).toBe(410);
    expect(await signsInWith(member.email, newPassword)).toBe(200);
  });

  it('is not accepted where the first admin is created', async () => {
    const mvp = await server.createUser('mvp');
    await bodyOf(await askForReset(mvp.email), 202);
    const response = await browser(server).api.api.setup.$post({
      json: {
        token: await resetToken(mvp.email),
        name: 'Usurper',
        email: 'usurper@example.test',
        password: newPassword,
      },
    });
    expect(response.status).toBe(410);
    expect(await server.prisma.user.count({ where: { email: 'usurper@example.test' } })).toBe(0);
  });
});

describe("staff members' set-password links by e-mail", () => {
  it('mails the link to a new staff member and to one sent a new link, and says it is on its way', async () => {
    const created = await bodyOf(
      await lead.api.api.staff.$post({
        json: { email: 'Mailed.Staff@example.test', name: 'Mailed Staff', role: 'engineer' },
      }),
      201,
    );
    expect(created.passwordLink.mail).toEqual({ to: 'mailed.staff@example.test', status: 'pending' });
    const welcome = await smtp.waitFor((mail) => mail.to.includes('mailed.staff@example.test'));
    expect(welcome.subject).toBe('Your Fieldtest account');
    expect(welcome.text).toContain('Hello Mailed Staff');
    expect(linkIn(welcome.text, '/set-password')).toBe(created.passwordLink.url);

    const fresh = await bodyOf(
      await lead.api.api.staff[':id']['password-link'].$post({ param: { id: created.member.id } }),
      201,
    );
    const again = await smtp.waitFor(
      (mail) => mail.to.includes('mailed.staff@example.test') && mail.text.includes(fresh.url),
    );
    expect(again.subject).toBe('A new link to choose your Fieldtest password');
    await bodyOf(await setPassword(tokenOf(fresh.url)), 200);
  });
});

describe('password reset throttling', () => {
  it('answers 429 problem+json with Retry-After once an e-mail address had its requests, from any caller', async () => {
    const mvp = await server.createUser('mvp');
    for (let request = 0; request < passwordResetLimits.mailbox.capacity; request++)
      await bodyOf(await askForReset(mvp.email), 202);
    const refused = await askForReset(mvp.email);
    expect(refused.status).toBe(429);
    expect(await readProblem(refused)).toMatchObject({ code: 'rate_limited' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(1 / passwordResetLimits.mailbox.perSecond);
    expect(await messagesTo(server, mvp.email)).toHaveLength(passwordResetLimits.mailbox.capacity);
  });

  it('limits an address without an account the same way, so a 429 tells nothing about accounts', async () => {
    const statuses: number[] = [];
    for (let request = 0; request <= passwordResetLimits.mailbox.capacity; request++)
      statuses.push((await askForReset('no-account@example.test')).status);
    expect(statuses).toEqual([...Array<number>(passwordResetLimits.mailbox.capacity).fill(202), 429]);
  });

  it('lets the address ask again once the wait has passed', async () => {
    const mvp = await server.createUser('mvp');
    for (let request = 0; request <= passwordResetLimits.mailbox.capacity; request++) await askForReset(mvp.email);
    const wait = 1 / passwordResetLimits.mailbox.perSecond;
    await server.prisma
      .$executeRaw`update "LoginThrottle" set "updatedAt" = "updatedAt" - make_interval(secs => ${wait}) where key = ${`reset-mailbox:${mvp.email}`}`;
    await bodyOf(await askForReset(mvp.email), 202);
  });

  it('limits one caller asking for many addresses', async () => {
    const caller = browser(server);
    const statuses: number[] = [];
    for (let request = 0; request <= passwordResetLimits.address.capacity; request++)
      statuses.push((await askForReset(`many-${request}@example.test`, caller)).status);
    expect(statuses).toEqual([...Array<number>(passwordResetLimits.address.capacity).fill(202), 429]);
    // Another caller is not held up by it.
    await bodyOf(await askForReset('many-other@example.test'), 202);
  });
});

describe('hostile input', () => {
  it.each([
    ['a NUL in the address', { email: 'nul\u0000@example.test' }],
    ['no address', {}],
    ['an address that is not one', { email: 'not an address' }],
    ['an address as a number', { email: 42 }],
    ['a very long address', { email: `${'a'.repeat(300)}@example.test` }],
  ])('refuses %s with 400 naming the field', async (_, body) => {
    const response = await browser(server).json('POST', '/api/auth/password-reset', body);
    expect(response.status).toBe(400);
    expect(new Set((await readProblem(response)).errors?.map((error) => error.field))).toEqual(new Set(['email']));
  });

  it('refuses a field it does not know with 400', async () => {
    const response = await browser(server).json('POST', '/api/auth/password-reset', {
      email: 'extra@example.test',
      userId: '01900000-0000-7000-8000-000000000000',
    });
    expect(response.status).toBe(400);
    expect(await messagesTo(server, 'extra@example.test')).toEqual([]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await browser(server).request('/api/auth/password-reset', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=form@example.test',
    });
    expect(response.status).toBe(415);
    await readProblem(response);
  });
});
