import { verify } from '@octokit/webhooks-methods';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';

/**
 * GitHub signs the raw body with the webhook secret; a body re-serialised from parsed JSON would not
 * match, so the bytes are read here first (Hono keeps them for the JSON validator after us). During a
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
    const body = await c.req.text();
    if (!(await matchesAny(secrets, body, signature))) {
      throw new AppError('unauthenticated', { detail: 'X-Hub-Signature-256 does not match the body.' });
    }
    await next();
  };
}

async function matchesAny(secrets: string[], body: string, signature: string): Promise<boolean> {
  for (const secret of secrets) {
    // `verify` throws on an empty body; an empty body is never a delivery of ours.
    if (body && (await verify(secret, body, signature).catch(() => false))) return true;
  }
  return false;
}
