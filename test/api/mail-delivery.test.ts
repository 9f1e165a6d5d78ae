import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../api/lib/logger.ts';
import { queueMessage } from '../../api/lib/queue-message.ts';
import { deliverDueMessages, maxDeliveryAttempts } from '../../api/mail/deliver-messages.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { freePort } from '../support/server-process.ts';
import { startSmtpServer } from '../support/smtp-server.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

const logger = createLogger('silent');
const message = (to: string) => ({ to, subject: 'Hello', text: 'A message body', kind: 'test' });

describe('mail without SMTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('holds messages in the outbox, where admins read them', async () => {
    await server.prisma.$transaction((tx) =>
      queueMessage(tx, { smtpConfigured: false, message: message('held@example.test') }),
    );
    const { client } = await signedInClient(server, 'admin');
    const page = await bodyOf(await client.api.api.outbox.$get({ query: { to: 'HELD@example.test' } }), 200);
    expect(page.smtpConfigured).toBe(false);
    expect(page.items).toEqual([
      expect.objectContaining({ to: 'held@example.test', status: 'held', text: 'A message body' }),
    ]);
  });

  it('pages through the outbox newest first', async () => {
    for (let n = 0; n < 5; n++) {
      await server.prisma.$transaction((tx) =>
        queueMessage(tx, { smtpConfigured: false, message: message(`page${n}@example.test`) }),
      );
    }
    const { client } = await signedInClient(server, 'admin');
    const first = await bodyOf(await client.api.api.outbox.$get({ query: { limit: '3' } }), 200);
    const second = await bodyOf(
      await client.api.api.outbox.$get({ query: { limit: '3', cursor: first.nextCursor! } }),
      200,
    );
    const recipients = [...first.items, ...second.items].map((item) => item.to);
    expect(recipients.slice(0, 5)).toEqual([4, 3, 2, 1, 0].map((n) => `page${n}@example.test`));
  });

  it('filters by exactly the address given: %, _ and a backslash match only themselves', async () => {
    for (const to of ['ab_cd@example.test', 'abxcd@example.test', '100%@example.test'])
      await server.prisma.$transaction((tx) => queueMessage(tx, { smtpConfigured: false, message: message(to) }));
    const { client } = await signedInClient(server, 'admin');
    const recipients = async (to: string) =>
      (await bodyOf(await client.api.api.outbox.$get({ query: { to } }), 200)).items.map((item) => item.to);
    expect(await recipients('AB_CD@example.test')).toEqual(['ab_cd@example.test']);
    expect(await recipients('ab_cd@example.tes_')).toEqual([]);
    expect(await recipients('%')).toEqual([]);
    expect(await recipients('100%@example.test')).toEqual(['100%@example.test']);
    expect(await recipients('\\')).toEqual([]);
    const nul = await client.request('/api/outbox?to=a%00b');
    expect(nul.status).toBe(400);
    expect((await readProblem(nul)).errors).toEqual([{ field: 'to', message: expect.stringContaining('NUL') }]);
  });
});

describe('mail through SMTP', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    // No SMTP_URL: these tests drive delivery themselves, with no background loop racing them.
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  it('sends a queued message to the SMTP server and marks it sent', async () => {
    await server.prisma.$transaction((tx) =>
      queueMessage(tx, { smtpConfigured: true, message: message('sent@example.test') }),
    );
    const transport = createTransport(smtp.url);
    await deliverDueMessages({ prisma: server.prisma, transport, from: 'Fieldtest <ft@example.test>', logger });
    const received = await smtp.waitFor((mail) => mail.to.includes('sent@example.test'));
    expect(received).toMatchObject({ subject: 'Hello', text: expect.stringContaining('A message body') });
    const row = await server.prisma.message.findFirstOrThrow({ where: { to: 'sent@example.test' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps a message through an SMTP outage and gives up only after the last attempt', async () => {
    await server.prisma.$transaction((tx) =>
      queueMessage(tx, { smtpConfigured: true, message: message('retry@example.test') }),
    );
    const down = createTransport(`smtp://127.0.0.1:${await freePort()}`);
    const due = () =>
      server.prisma.message.updateMany({ where: { to: 'retry@example.test' }, data: { nextAttemptAt: new Date(0) } });
    for (let attempt = 1; attempt < maxDeliveryAttempts; attempt++) {
      await due();
      await deliverDueMessages({ prisma: server.prisma, transport: down, from: 'ft@example.test', logger });
      const row = await server.prisma.message.findFirstOrThrow({ where: { to: 'retry@example.test' } });
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, lastError: expect.any(String) });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    }
    await due();
    await deliverDueMessages({ prisma: server.prisma, transport: down, from: 'ft@example.test', logger });
    expect(await server.prisma.message.findFirstOrThrow({ where: { to: 'retry@example.test' } })).toMatchObject({
      status: 'failed',
    });
  });

  it('never sends one message twice when deliveries run at once', async () => {
    for (let n = 0; n < 10; n++) {
      await server.prisma.$transaction((tx) =>
        queueMessage(tx, { smtpConfigured: true, message: message(`once${n}@example.test`) }),
      );
    }
    const transport = createTransport(smtp.url);
    await Promise.all(
      Array.from({ length: 3 }, () =>
        deliverDueMessages({ prisma: server.prisma, transport, from: 'ft@example.test', logger }),
      ),
    );
    for (let n = 0; n < 10; n++) await smtp.waitFor((mail) => mail.to.includes(`once${n}@example.test`));
    const counts = smtp.received.filter((mail) => mail.to.some((to) => to.startsWith('once'))).length;
    expect(counts).toBe(10);
  });
});
