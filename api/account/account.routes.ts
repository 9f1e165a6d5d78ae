import { createRoute } from '@hono/zod-openapi';
import { jsonBody, noContent, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { changePasswordBody } from './account.schemas.ts';

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/api/account/password',
  tags: ['Account'],
  summary: 'Change your password; signs out your other sessions',
  middleware: [requireRole('signed-in')] as const,
  request: { body: jsonBody(changePasswordBody) },
  responses: { 204: noContent, ...problems(400, 401, 403, 415, 429) },
});
