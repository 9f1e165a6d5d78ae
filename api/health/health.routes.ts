import { createRoute } from '@hono/zod-openapi';
import { jsonResponse } from '../lib/openapi.ts';
import { healthSchema, readySchema } from './health.schemas.ts';

const tags = ['Health'];

export const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  tags,
  summary: 'The process is alive',
  responses: { 200: jsonResponse(healthSchema, 'Alive') },
});

export const readyRoute = createRoute({
  method: 'get',
  path: '/api/ready',
  tags,
  summary: 'The database answers and its migrations are current',
  responses: { 200: jsonResponse(readySchema, 'Ready'), 503: jsonResponse(readySchema, 'Not ready') },
});
