import { createRoute } from '@hono/zod-openapi';
import { userSchema } from '../auth/auth.schemas.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { createFirstAdminBody, setupStatusSchema } from './setup.schemas.ts';

const tags = ['Setup'];

export const setupStatusRoute = createRoute({
  method: 'get',
  path: '/api/setup/status',
  tags,
  summary: 'Whether the first admin still has to be created',
  responses: { 200: jsonResponse(setupStatusSchema, 'Setup status') },
});

export const createFirstAdminRoute = createRoute({
  method: 'post',
  path: '/api/setup',
  tags,
  summary: 'Create the first admin through the one-time setup link printed at start-up; signs in',
  request: { body: jsonBody(createFirstAdminBody) },
  responses: { 201: jsonResponse(userSchema, 'Admin created and signed in'), ...problems(400, 403, 409, 410, 415) },
});
