import { createRoute } from '@hono/zod-openapi';
import { jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { auditPageSchema, auditQuery } from './audit.schemas.ts';

export const listAuditEntriesRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  tags: ['Audit'],
  summary: 'Who changed what, newest first: settings, terms, releases, cohorts, staff, sync retries, rescues',
  middleware: [requireRole(['admin'])] as const,
  request: { query: auditQuery },
  responses: { 200: jsonResponse(auditPageSchema, 'A page of audit entries'), ...problems(400, 401, 403) },
});
