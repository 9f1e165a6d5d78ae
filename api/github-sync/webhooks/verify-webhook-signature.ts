import { createHmac, type Hmac, timingSafeEqual } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../lib/app-context.ts';
import { AppError } from '../../lib/app-error.ts';

/** GitHub caps a delivery's payload at 25 MiB. */
export const webhookLimitBytes = 25 * 1024 * 1024;

/**
 * Bytes of bodies whose signature is not checked yet, held by all webhook requests of the process
 * together. Anyone can send to the webhook, and a body can only be judged once it has arrived, so
 * this is what a stranger can make the process hold. The `issues` and `issue_comment` payloads the
 * sync reads stay under a few hundred KB (GitHub caps an issue's body and a comment at 65,536
 * characters), so hundreds fit at once, and so does one delivery at GitHub's 25 MiB cap.
 */
export const unverifiedBudgetBytes = 32 * 1024 * 1024;

/**
 * GitHub gives up on a delivery after 10 s, so a body still arriving after that is nobody's we want,
 * and its share of the budget goes back.
 */
export const bodyDeadlineMs = 10_000;

/** When a refused sender may try again: the budget frees as soon as the bodies in it are judged. */
const retryAfterSeconds = 1;

const signatureFormat = /^sha256=([0-9a-fA-F]{64})$/;

let unverifiedBytes = 0;

/**
 * GitHub signs the raw body with the webhook secret (HMAC-SHA256, hex, `sha256=` in front); a body
 * re-serialised from parsed JSON would not match, so the bytes are read here and handed to the JSON
 * validator after us. What costs nothing to check is checked before a byte of the body is read: a
 * secret to check with, a well-formed signature header, a declared length within GitHub's cap and
 * within what the budget has left. The body is then hashed chunk by chunk as it arrives, with the
 * current secret; only when that does not match is the previous one (during a rotation) tried over
 * the same chunks. The digests are compared in constant time.
 */
export function verifyWebhookSignature(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // GitHub keeps its connections: what is refused here is answered on a connection kept open, the
    // rest of the body read and discarded (memory stays flat), so the answer always arrives.
    c.set('keepConnection', true);
    const secrets = c.var.deps.env.github.webhookSecrets;
    if (!secrets.length) {
      throw new AppError('unavailable', { detail: 'No webhook secret is configured (GITHUB_WEBHOOK_SECRET).' });
    }
    const header = c.req.header('x-hub-signature-256');
    if (!header) throw new AppError('unauthenticated', { detail: 'X-Hub-Signature-256 is missing.' });
    const hex = signatureFormat.exec(header)?.[1];
    if (!hex) {
      throw new AppError('unauthenticated', {
        detail: 'X-Hub-Signature-256 is malformed: sha256= followed by 64 hexadecimal digits.',
      });
    }
    const declared = c.req.header('content-length');
    const length = declared === undefined ? null : Number(declared);
    if (length !== null && length > webhookLimitBytes) throw tooLarge();
    const text = await readSignedBody(c, { secrets, signature: Buffer.from(hex, 'hex'), length });
    if (text === null)
      throw new AppError('unauthenticated', { detail: 'X-Hub-Signature-256 does not match the body.' });
    // Hono caches each body reading as a promise (its type says the value), and derives json from text.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    await next();
  };
}

/**
 * The body as text when it carries the signature, null when it does not. Its bytes count against
 * the budget from before the first is read (the declared length, when there is one, is taken whole)
 * until the signature is judged. On Node the body is read straight from the socket's request: going
 * through the Fetch API's Request would build a web stream around it, which costs more than
 * everything else a delivery does.
 */
async function readSignedBody(
  c: Context<AppEnv>,
  options: { secrets: string[]; signature: Buffer; length: number | null },
): Promise<string | null> {
  const { secrets, signature } = options;
  let taken = 0;
  const take = (bytes: number) => {
    if (unverifiedBytes + bytes > unverifiedBudgetBytes) {
      throw new AppError('unavailable', {
        detail: 'Too many webhook bodies are being received at once; try again shortly.',
        retryAfterSeconds,
      });
    }
    unverifiedBytes += bytes;
    taken += bytes;
  };
  if (options.length !== null) take(options.length);
  try {
    const current = createHmac('sha256', secrets[0]!);
    const chunks = await readChunks(c, (chunk) => {
      // A declared length was taken whole; a body without one counts as it arrives.
      if (options.length === null) take(chunk.length);
      current.update(chunk);
    });
    if (!matches(current, signature) && !secrets.slice(1).some((secret) => matchesOver(secret, chunks, signature))) {
      return null;
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    unverifiedBytes -= taken;
  }
}

function matches(hmac: Hmac, signature: Buffer): boolean {
  return timingSafeEqual(hmac.digest(), signature);
}

function matchesOver(secret: string, chunks: Buffer[], signature: Buffer): boolean {
  const hmac = createHmac('sha256', secret);
  for (const chunk of chunks) hmac.update(chunk);
  return matches(hmac, signature);
}

/** Every chunk of the body, each seen by `onChunk` as it arrives; at most `webhookLimitBytes`, within `bodyDeadlineMs`. */
async function readChunks(c: Context<AppEnv>, onChunk: (chunk: Buffer) => void): Promise<Buffer[]> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming) {
    const body = Buffer.from(await c.req.arrayBuffer());
    if (body.length > webhookLimitBytes) throw tooLarge();
    onChunk(body);
    return [body];
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let late = false;
  const deadline = setTimeout(() => {
    late = true;
    incoming.destroy();
  }, bodyDeadlineMs);
  try {
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > webhookLimitBytes) throw tooLarge();
      onChunk(chunk);
      chunks.push(chunk);
    }
  } catch (error) {
    // Leaving the loop early destroyed the request, and its connection with it: the rest of a body
    // refused mid-way is never read.
    if (error instanceof AppError) throw error;
    throw new AppError('malformed_body', {
      detail: late
        ? `The body did not arrive within ${bodyDeadlineMs / 1000} s.`
        : 'The connection closed before the body arrived.',
      cause: error,
    });
  } finally {
    clearTimeout(deadline);
  }
  return chunks;
}

function tooLarge() {
  return new AppError('payload_too_large', {
    detail: `Webhook payloads are limited to ${webhookLimitBytes / 1024 / 1024} MiB.`,
  });
}
