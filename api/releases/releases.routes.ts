import { createRoute } from '@hono/zod-openapi';
import { programIdParams, releaseIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import { createReleaseBody, releaseListSchema, releaseSchema, updateReleaseBody } from './releases.schemas.ts';

const tags = ['Releases'];
// Admins, and the program's leads (checked per program: 403 for a member, 404 for other staff).
const leads = requireRole(staffRoles);
// MVPs may read too, but only releases they are enrolled in: anything else answers 404.
const signedIn = requireRole('signed-in');

export const listReleasesRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/releases',
  tags,
  summary: "A program's releases, latest first (staff: members of the program); for an MVP, those they are enrolled in",
  middleware: [signedIn] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(releaseListSchema, 'Releases'), ...problems(400, 401, 403, 404) },
});

export const createReleaseRoute = createRoute({
  method: 'post',
  path: '/api/programs/{id}/releases',
  tags,
  summary: "Add a release to a program (admins and the program's leads); it starts as planned",
  middleware: [leads] as const,
  request: { params: programIdParams, body: jsonBody(createReleaseBody) },
  responses: { 201: jsonResponse(releaseSchema, 'Created'), ...problems(400, 401, 403, 404, 409, 415) },
});

export const getReleaseRoute = createRoute({
  method: 'get',
  path: '/api/releases/{id}',
  tags,
  summary: "A release; staff also see its cohort. MVPs must have accepted the program's terms (403 terms_required)",
  middleware: [signedIn] as const,
  request: { params: releaseIdParams },
  responses: { 200: jsonResponse(releaseSchema, 'The release'), ...problems(400, 401, 403, 404) },
});

export const updateReleaseRoute = createRoute({
  method: 'patch',
  path: '/api/releases/{id}',
  tags,
  summary: "Edit a release or move its status forward (admins and the program's leads); shipping completes the cohort",
  middleware: [leads] as const,
  request: { params: releaseIdParams, body: jsonBody(updateReleaseBody) },
  responses: { 200: jsonResponse(releaseSchema, 'Updated'), ...problems(400, 401, 403, 404, 409, 415) },
});
