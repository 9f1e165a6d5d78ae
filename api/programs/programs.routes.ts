import { createRoute } from '@hono/zod-openapi';
import { programIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import {
  createProgramBody,
  programListSchema,
  programSchema,
  programTermsSchema,
  publishTermsBody,
  updateProgramBody,
} from './programs.schemas.ts';

const tags = ['Programs'];
const adminOnly = requireRole(['admin']);
// Admins, and the program's leads (checked per program: 403 for a member, 404 for other staff).
const leads = requireRole(staffRoles);
// MVPs may read too, but only programs they take part in: anything else answers 404.
const signedIn = requireRole('signed-in');

export const listProgramsRoute = createRoute({
  method: 'get',
  path: '/api/programs',
  tags,
  summary:
    'Every program for admins; for other staff, the programs they are members of; for an MVP, those they take part in',
  middleware: [signedIn] as const,
  responses: { 200: jsonResponse(programListSchema, 'Programs, by name'), ...problems(401) },
});

export const createProgramRoute = createRoute({
  method: 'post',
  path: '/api/programs',
  tags,
  summary: 'Create a program with its settings and version 1 of its terms',
  middleware: [adminOnly] as const,
  request: { body: jsonBody(createProgramBody) },
  responses: { 201: jsonResponse(programSchema, 'Created'), ...problems(400, 401, 403, 409, 415) },
});

export const getProgramRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}',
  tags,
  summary: 'A program with its current terms; MVPs must have accepted them (403 terms_required)',
  middleware: [signedIn] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(programSchema, 'The program'), ...problems(400, 401, 403, 404) },
});

export const updateProgramRoute = createRoute({
  method: 'patch',
  path: '/api/programs/{id}',
  tags,
  summary: "Change some of a program's settings (admins and the program's leads)",
  middleware: [leads] as const,
  request: { params: programIdParams, body: jsonBody(updateProgramBody) },
  responses: { 200: jsonResponse(programSchema, 'Updated'), ...problems(400, 401, 403, 404, 409, 415) },
});

export const publishProgramTermsRoute = createRoute({
  method: 'post',
  path: '/api/programs/{id}/terms',
  tags,
  summary:
    "Publish a new version of the program's terms (admins and the program's leads); MVPs must accept it before they go on",
  middleware: [leads] as const,
  request: { params: programIdParams, body: jsonBody(publishTermsBody) },
  responses: { 201: jsonResponse(programTermsSchema, 'Published'), ...problems(400, 401, 403, 404, 409, 415) },
});
