import { createRoute } from '@hono/zod-openapi';
import { programIdParams, reportIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import { fixedInRoles } from './read-verification.ts';
import {
  answerVerificationBody,
  fixedInBody,
  fixedInSchema,
  verificationStateSchema,
  verificationStatsSchema,
} from './verification.schemas.ts';

const tags = ['Verification'];

export const readVerificationRoute = createRoute({
  method: 'get',
  path: '/api/reports/{id}/verification',
  tags,
  summary:
    "Your own request to check this report's fix (or the fix of the report it duplicates), and whether you can " +
    'answer it; staff also get the fix build and the newest round in counts',
  middleware: [requireRole('signed-in')] as const,
  request: { params: reportIdParams },
  responses: { 200: jsonResponse(verificationStateSchema, 'Your request, or null'), ...problems(400, 401, 403, 404) },
});

export const answerVerificationRoute = createRoute({
  method: 'post',
  path: '/api/reports/{id}/verification',
  tags,
  summary:
    'Answer your pending request once: "fixed" labels the issue verified; "still_broken" posts one comment ' +
    'with your note, environment and file links to the issue and reopens or labels it',
  middleware: [requireRole('signed-in')] as const,
  request: { params: reportIdParams, body: jsonBody(answerVerificationBody) },
  responses: {
    200: jsonResponse(verificationStateSchema, 'Answered'),
    ...problems(400, 401, 403, 404, 409, 415),
  },
});

export const setFixedInRoute = createRoute({
  method: 'put',
  path: '/api/reports/{id}/fixed-in',
  tags,
  summary: "Name the build that carries the report's fix (admins and engineers); waiting requests ask about it",
  middleware: [requireRole(fixedInRoles)] as const,
  request: { params: reportIdParams, body: jsonBody(fixedInBody) },
  responses: { 200: jsonResponse(fixedInSchema, 'Saved'), ...problems(400, 401, 403, 404, 415) },
});

export const readVerificationStatsRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/verification-stats',
  tags,
  summary: 'How finders checked fixes, per release and by source: rate, time to verify, fixes that failed (staff)',
  middleware: [requireRole(staffRoles)] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(verificationStatsSchema, 'Computed now'), ...problems(400, 401, 403, 404) },
});
