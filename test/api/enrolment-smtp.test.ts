import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browser, createProgram, createRelease, invite, latestMail, linkIn } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf } from '../support/problem.ts';
import { startSmtpServer } from '../support/smtp-server.ts';
import { signedInClient, startTestServer, type TestServer, testPassword, tokenOf } from '../support/test-server.ts';

// The invitation e-mail end to end: written in the outbox with the enrolment, then delivered to a
// real SMTP server (a separate process) by the server's own delivery loop.

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

describe('invitation e-mail through SMTP', () => {
  it('reaches the invitee with a link that accepts the invitation', async () => {
    const program = await createProgram(server);
    const release = await createRelease(server, program.id, { version: '5.0' });
    await invite(lead, release.id, [{ email: 'Mailed@Example.test', name: 'Mailed Person' }]);

    const mail = await smtp.waitFor((received) => received.to.includes('mailed@example.test'));
    expect(mail.subject).toBe('You are invited to test Acme Desktop 5.0');
    expect(mail.text).toContain(program.name);
    const link = linkIn(mail.text, '/invitation');

    const accepted = await browser(server).api.api.invitations.accept.$post({
      json: { token: tokenOf(link), name: 'Mailed Person', password: testPassword },
    });
    expect(await bodyOf(accepted, 200)).toMatchObject({ email: 'mailed@example.test', role: 'mvp' });
    await vi.waitFor(async () =>
      expect(await latestMail(lead, 'mailed@example.test', 'invitation')).toMatchObject({ status: 'sent' }),
    );
  });
});
