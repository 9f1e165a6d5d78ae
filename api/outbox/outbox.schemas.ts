import { z } from 'zod';

export const outboxMessageSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    kind: z.string(),
    status: z.enum(['pending', 'sent', 'failed', 'held']).meta({
      description: 'held: no SMTP server is configured, so the message is only shown here',
    }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OutboxMessage' });

export const outboxQuery = z.strictObject({
  to: z.string().trim().max(254).optional().meta({ description: 'Only messages to this address (case-insensitive)' }),
  cursor: z.uuid().optional().meta({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const outboxPageSchema = z
  .object({ items: z.array(outboxMessageSchema), nextCursor: z.uuid().nullable(), smtpConfigured: z.boolean() })
  .meta({ id: 'OutboxPage' });
