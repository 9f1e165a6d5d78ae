import { createRoute } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, problems } from '../../lib/openapi.ts';
import { webhookAcceptedSchema, webhookHeaders, webhookPayload } from './github-webhooks.schemas.ts';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

const tags = ['GitHub'];

export const receiveWebhookRoute = createRoute({
  method: 'post',
  path: '/api/github/webhooks',
  tags,
  summary: "GitHub's webhook deliveries: signed with the webhook secret instead of a session",
  description:
    'Verifies X-Hub-Signature-256 over the raw body as it arrives (GITHUB_WEBHOOK_SECRET, then ' +
    'GITHUB_WEBHOOK_SECRET_PREVIOUS), stores the delivery under X-GitHub-Delivery and answers 202 at once; the ' +
    'delivery is processed afterwards. Bodies up to 25 MiB, as GitHub sends at most. A request without a ' +
    'well-formed signature is refused before its body is read, and so is one that would take the bodies being ' +
    'checked at once past 32 MiB (503 with Retry-After).',
  // Before the validators, so that an unsigned request never gets as far as having its body judged.
  middleware: [verifyWebhookSignature()] as const,
  request: { headers: webhookHeaders, body: jsonBody(webhookPayload) },
  responses: {
    202: jsonResponse(webhookAcceptedSchema, 'Stored (or a replay of a delivery already stored)'),
    ...problems(400, 401, 413, 415),
    503: {
      ...problems(503)[503],
      description: 'No webhook secret is configured, or too many bodies are being checked at once (Retry-After)',
    },
  },
});
