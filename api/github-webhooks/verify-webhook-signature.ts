import type { HttpBindings } from '@hono/node-server';
import { verify } from '@octokit/webhooks-methods';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';

/** GitHub caps a delivery's payload at 25 MiB. */
export const webhookLimitBytes = 25 * 1024 * 1024;

/**
 * GitHub signs the raw body with the webhook secret; a body re-serialised from parsed JSON would not
 * match, so the bytes are read here first and handed to the JSON validator after us. During a
 * rotation both the current and the previous secret are tried, current first. The comparison runs in
 * constant time (`verify` uses timingSafeEqual).
 */
export function verifyWebhookSignature(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const secrets = c.var.deps.env.github.webhookSecrets;
    if (!secrets.length) {
      throw new AppError('unavailable', { detail: 'No webhook secret is configured (GITHUB_WEBHOOK_SECRET).' });
    }
    const signature = c.req.header('x-hub-signature-256');
    if (!signature) throw new AppError('unauthenticated', { detail: 'X-Hub-Signature-256 is missing.' });
    const body = await readBody(c);
    if (!(await matchesAny(secrets, body, signature))) {
      throw new AppError('unauthenticated', { detail: 'X-Hub-Signature-256 does not match the body.' });
    }
    await next();
  };
}

/**
 * The body as text, at most `webhookLimitBytes`. On Node it is read straight from the socket's
 * request: going through the Fetch API's Request would build a web stream around it, which costs
 * more than everything else a delivery does. Hono keeps the text, so `c.req.json()` parses it.
 */
async function readBody(c: Context<AppEnv>): Promise<string> {
  const tooLarge = () =>
    new AppError('payload_too_large', {
      detail: `Webhook payloads are limited to ${webhookLimitBytes / 1024 / 1024} MiB.`,
    });
  if (Number(c.req.header('content-length') ?? 0) > webhookLimitBytes) throw tooLarge();
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > webhookLimitBytes) throw tooLarge();
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > webhookLimitBytes) {
      incoming.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  // Hono caches each body reading as a promise (its type says the value), and derives json from text.
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  return text;
}

async function matchesAny(secrets: string[], body: string, signature: string): Promise<boolean> {
  for (const secret of secrets) {
    // `verify` throws on an empty body; an empty body is never a delivery of ours.
    if (body && (await verify(secret, body, signature).catch(() => false))) return true;
  }
  return false;
}
