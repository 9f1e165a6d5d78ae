import { createRoute } from '@hono/zod-openapi';
import { programIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import {
  acceptTermsBody,
  mvpProfileSchema,
  myReleasesSchema,
  pendingTermsListSchema,
  termsAcceptanceSchema,
  updateMvpProfileBody,
} from './mvp.schemas.ts';

const tags = ['MVP'];
const mvpOnly = requireRole(['mvp']);

export const listPendingTermsRoute = createRoute({
  method: 'get',
  path: '/api/me/terms',
  tags,
  summary: "The current terms of each of the MVP's programs that they have yet to accept",
  middleware: [mvpOnly] as const,
  responses: { 200: jsonResponse(pendingTermsListSchema, 'Terms to accept'), ...problems(401, 403) },
});

export const acceptProgramTermsRoute = createRoute({
  method: 'post',
  path: '/api/programs/{id}/terms/acceptance',
  tags,
  summary: "Accept the program's current terms (409 on `version` if they changed meanwhile)",
  middleware: [mvpOnly] as const,
  request: { params: programIdParams, body: jsonBody(acceptTermsBody) },
  responses: {
    201: jsonResponse(termsAcceptanceSchema, 'Accepted'),
    ...problems(400, 401, 403, 404, 409, 415),
  },
});

export const getMvpProfileRoute = createRoute({
  method: 'get',
  path: '/api/me/profile',
  tags,
  summary: "The MVP's profile",
  middleware: [mvpOnly] as const,
  responses: { 200: jsonResponse(mvpProfileSchema, 'The profile'), ...problems(401, 403) },
});

export const updateMvpProfileRoute = createRoute({
  method: 'put',
  path: '/api/me/profile',
  tags,
  summary: "Change the MVP's profile (409 on `handle` when another MVP has it)",
  middleware: [mvpOnly] as const,
  request: { body: jsonBody(updateMvpProfileBody) },
  responses: { 200: jsonResponse(mvpProfileSchema, 'Updated'), ...problems(400, 401, 403, 409, 415) },
});

export const listMyReleasesRoute = createRoute({
  method: 'get',
  path: '/api/me/releases',
  tags,
  summary: "The MVP's releases, and the terms they must accept before the rest show",
  middleware: [mvpOnly] as const,
  responses: { 200: jsonResponse(myReleasesSchema, 'Releases and pending terms'), ...problems(401, 403) },
});
