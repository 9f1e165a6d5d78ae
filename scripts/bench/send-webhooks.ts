import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { deliveryRequest, signedDeliveries } from './github-deliveries.ts';
import { type Answer, offer, saturate } from './http-load.ts';

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
      : await offer(url, (n) => deliveryRequest(url, signed, n), check, { seconds, rate: load.rate });
  const meanBytes = signed.reduce((sum, item) => sum + item.body.length, 0) / signed.length;
  process.stdout.write(JSON.stringify({ ...figures, refused, meanBytes }));
}

if (process.argv[1] === senderPath) await main();
