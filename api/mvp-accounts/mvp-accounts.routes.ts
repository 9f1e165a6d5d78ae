import { createRoute } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { mvpAccountIdParams, mvpAccountSchema, updateMvpAccountBody } from './mvp-accounts.schemas.ts';

const tags = ['MVP accounts'];
// Program leads decide who takes part, as they manage the cohort and staff accounts.
const adminOnly = requireRole(['admin']);

export const updateMvpAccountRoute = createRoute({
  method: 'patch',
  path: '/api/mvps/{id}',
  tags,
  summary: "Disable or enable an MVP's account",
  description:
    'Disabling ends their sessions at once and stops them signing in, so they can no longer file, say "me too", ' +
    'comment or upload; everything they filed stays, and enabling the account gives it all back. 404 for staff accounts.',
  middleware: [adminOnly] as const,
  request: { params: mvpAccountIdParams, body: jsonBody(updateMvpAccountBody) },
  responses: { 200: jsonResponse(mvpAccountSchema, 'Updated'), ...problems(400, 401, 403, 404, 415) },
});
