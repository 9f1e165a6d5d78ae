import { createRoute } from '@hono/zod-openapi';
import { programIdParams } from '../../lib/id-params.ts';
import { jsonResponse, problems } from '../../lib/openapi.ts';
import { requireRole } from '../../lib/require-role.ts';
import { retriedSyncJobSchema, syncHealthSchema, syncJobIdParams } from './sync-health.schemas.ts';

const tags = ['Sync'];
// Those who look after the GitHub integration; internal testers and MVPs get 403.
const syncKeepers = requireRole(['admin', 'engineer']);

export const readSyncHealthRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/sync',
  tags,
  summary: "The GitHub sync's state for a program: queue, budget, failures, dead letters, webhook deliveries",
  middleware: [syncKeepers] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(syncHealthSchema, 'The sync health'), ...problems(400, 401, 403, 404) },
});

export const retrySyncJobRoute = createRoute({
  method: 'post',
  path: '/api/sync-jobs/{id}/retry',
  tags,
  summary: 'Put a dead (or failing) sync job back in the queue, due now, with a fresh attempt budget',
  middleware: [syncKeepers] as const,
  request: { params: syncJobIdParams },
  // 409: the job is neither dead nor failing (done, running, or waiting for its turn).
  responses: { 200: jsonResponse(retriedSyncJobSchema, 'Queued again'), ...problems(400, 401, 403, 404, 409) },
});
