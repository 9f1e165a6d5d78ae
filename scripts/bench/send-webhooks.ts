import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { deliveryRequest, repo, type SignedDelivery, signedDeliveries } from './github-deliveries.ts';
import { type Answer, offer, saturate } from './http-load.ts';
import { openLoop } from './open-loop.ts';

/**
 * The intake bench's load generator, as a process of its own: sharing the bench's process, its
 * sends would wait on the bench's garbage collection (the bench holds a database client and, before
 * this section, PGlite), and that lateness would count against the server. Takes its settings as
 * JSON in the first argument and prints its figures as JSON.
 */
export const senderSettings = z.object({
  url: z.url(),
  secret: z.string(),
  seconds: z.number().positive(),
  load: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('saturate'), concurrency: z.number().int().positive() }),
    z.object({ mode: z.literal('offer'), rate: z.number().positive() }),
    // The reference: the same rows inserted one per statement straight into PostgreSQL, on the same schedule.
    z.object({ mode: z.literal('insert'), rate: z.number().positive(), databaseUrl: z.string(), schema: z.string() }),
  ]),
});
export type SenderSettings = z.infer<typeof senderSettings>;
export const senderPath = fileURLToPath(import.meta.url);

async function main() {
  const settings = senderSettings.parse(JSON.parse(process.argv[2] ?? '{}'));
  const url = new URL(settings.url);
  const signed = signedDeliveries(settings.secret);
  let refused = 0;
  const check = (answer: Answer) => {
    if (answer.status !== 202 || !answer.body.includes('"queued"')) refused += 1;
  };
  const { load, seconds } = settings;
  const figures =
    load.mode === 'saturate'
      ? await saturate(url, (connection, n) => deliveryRequest(url, signed, connection * 7 + n), check, {
          seconds,
          concurrency: load.concurrency,
        })
      : load.mode === 'offer'
        ? await offer(url, (n) => deliveryRequest(url, signed, n), check, { seconds, rate: load.rate })
        : await insertOnSchedule(signed, load, seconds);
  const meanBytes = signed.reduce((sum, item) => sum + item.body.length, 0) / signed.length;
  process.stdout.write(JSON.stringify({ ...figures, refused, meanBytes }));
}

/** Up to 20 connections, as many as the server's pool. */
function insertOnSchedule(
  signed: SignedDelivery[],
  load: { rate: number; databaseUrl: string; schema: string },
  seconds: number,
) {
  const lanes = {
    open: async () => {
      const client = new pg.Client({ connectionString: load.databaseUrl, options: `-c search_path=${load.schema}` });
      let open = true;
      client.on('end', () => {
        open = false;
      });
      client.on('error', () => {
        open = false;
      });
      await client.connect();
      return { client, open: () => open };
    },
    alive: (lane: { open: () => boolean }) => lane.open(),
    close: (lane: { client: pg.Client }) => void lane.client.end(),
    initial: 2,
    max: 20,
  };
  return openLoop(
    lanes,
    async ({ client }, n) => {
      const { body, payload } = signed[n % signed.length]!;
      await client.query(
        `insert into "WebhookDelivery" (id, event, action, repo, "issueNumber", payload, status)
         values ($1, 'issues', $2, $3, $4, $5::jsonb, 'pending') on conflict (id) do nothing`,
        [randomUUID(), payload.action, repo, payload.issue.number, body.toString()],
      );
    },
    { seconds, rate: load.rate },
  );
}

if (process.argv[1] === senderPath) await main();
