import { z } from 'zod';

// GitHub's webhook request: the headers it always sends, and the few payload fields read at intake.
// Everything else in the payload is stored as it came and read by the processing loop.

export const webhookHeaders = z.object({
  'x-github-delivery': z
    .string()
    .min(1)
    .max(100)
    .meta({ description: 'GUID of the delivery; the same on a redelivery, so a replay changes nothing' }),
  'x-github-event': z.string().min(1).max(100).meta({ description: 'issues, issue_comment, ping, …' }),
  'x-hub-signature-256': z
    .string()
    .optional()
    .meta({ description: 'sha256=<HMAC-SHA256 of the raw body with the webhook secret>' }),
});

export const webhookPayload = z
  .looseObject({
    action: z.string().optional(),
    repository: z.looseObject({ full_name: z.string() }).nullish(),
    issue: z.looseObject({ number: z.number().int() }).nullish(),
  })
  .meta({ id: 'GithubWebhookPayload', description: "GitHub's event payload, as GitHub documents it per event" });

export const webhookAcceptedSchema = z
  .object({
    delivery: z.string(),
    status: z
      .enum(['queued', 'ignored', 'duplicate'])
      .meta({ description: 'queued for processing; ignored (an event the sync does not read); duplicate (a replay)' }),
  })
  .meta({ id: 'WebhookAccepted' });
export type WebhookAccepted = z.output<typeof webhookAcceptedSchema>;
