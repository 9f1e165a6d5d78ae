import { createRoute } from '@hono/zod-openapi';
import { programIdParams, reportIdParams } from '../lib/id-params.ts';
import { jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import { rescueListSchema, rescueRequestSchema, rescueStatsSchema } from './rescue.schemas.ts';

const tags = ['Rescue'];
// Read like the program's figures (staff; MVPs get 403): the evidence quotes several customers'
// notes, which staff read on the reports anyway and no customer may. Only admins and the program's
// leads send back (checked per program by the handler). Staff outside the program get 404.
const staffOnly = requireRole(staffRoles);
const leadsOnly = requireRole(staffRoles);

export const listRescueRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/rescue',
  tags,
  summary:
    'Clusters closed as not planned or left without a priority that customers keep reproducing, with the evidence, ' +
    'and those sent back before with what engineering did since (staff)',
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(rescueListSchema, 'Computed now'), ...problems(400, 401, 403, 404) },
});

export const requestRescueRoute = createRoute({
  method: 'post',
  path: '/api/reports/{id}/rescue',
  tags,
  summary:
    'Send a cluster on the Rescue list back to engineering, once: a summary comment on its issue and the rescue label ' +
    "(admins and the program's leads)",
  middleware: [leadsOnly] as const,
  request: { params: reportIdParams },
  // 409: not a canonical report on the Rescue list now, or already sent back.
  responses: { 201: jsonResponse(rescueRequestSchema, 'Sent back'), ...problems(400, 401, 403, 404, 409) },
});

export const readRescueStatsRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/rescue-stats',
  tags,
  summary: 'Clusters sent back to engineering and how many engineering then prioritised, per release (staff)',
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(rescueStatsSchema, 'Computed now'), ...problems(400, 401, 403, 404) },
});
