import { createRoute } from '@hono/zod-openapi';
import { jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { outboxPageSchema, outboxQuery } from './outbox.schemas.ts';

export const listOutboxRoute = createRoute({
  method: 'get',
  path: '/api/outbox',
  tags: ['Outbox'],
  summary: 'Every e-mail Fieldtest wrote, newest first, with its delivery status',
  middleware: [requireRole(['admin'])] as const,
  request: { query: outboxQuery },
  responses: { 200: jsonResponse(outboxPageSchema, 'A page of messages'), ...problems(400, 401, 403) },
});
