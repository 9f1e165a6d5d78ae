import { createRoute } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { applicationReceivedSchema, applyBody, joinInfoSchema, joinTokenBody } from './join.schemas.ts';

const tags = ['Join'];

export const inspectJoinLinkRoute = createRoute({
  method: 'post',
  path: '/api/join/inspect',
  tags,
  summary: 'The release a join link is for, and whether it takes applications now',
  request: { body: jsonBody(joinTokenBody) },
  responses: { 200: jsonResponse(joinInfoSchema, 'The release'), ...problems(400, 410, 415) },
});

export const applyToJoinRoute = createRoute({
  method: 'post',
  path: '/api/join/apply',
  tags,
  summary: 'Apply to test a release through its join link; the program lead decides',
  request: { body: jsonBody(applyBody) },
  responses: {
    201: jsonResponse(applicationReceivedSchema, 'Application received'),
    ...problems(400, 403, 409, 410, 415),
  },
});
