import { createRoute } from '@hono/zod-openapi';
import { programIdParams } from '../../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../../lib/openapi.ts';
import { requireRole } from '../../lib/require-role.ts';
import { staffRoles } from '../../lib/roles.ts';
import { githubCredentialSchema, setGithubCredentialBody } from './github-credentials.schemas.ts';

const tags = ['Programs'];
// Staff of the program see which credential it uses; admins and the program's leads change it.
const staffOnly = requireRole(staffRoles);
const path = '/api/programs/{id}/github-credential';

export const readGithubCredentialRoute = createRoute({
  method: 'get',
  path,
  tags,
  summary: 'Which GitHub credential the program syncs with (never the credential itself)',
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(githubCredentialSchema, 'The credential in use'), ...problems(400, 401, 403, 404) },
});

export const setGithubCredentialRoute = createRoute({
  method: 'put',
  path,
  tags,
  summary:
    'Give the program its own GitHub credential (a token, or a GitHub App installation), stored sealed; the repository is checked with it before the answer',
  middleware: [staffOnly] as const,
  request: { params: programIdParams, body: jsonBody(setGithubCredentialBody) },
  responses: { 200: jsonResponse(githubCredentialSchema, 'Stored'), ...problems(400, 401, 403, 404, 409, 415) },
});

export const clearGithubCredentialRoute = createRoute({
  method: 'delete',
  path,
  tags,
  summary: "Forget the program's own GitHub credential: it syncs with the server's again",
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(githubCredentialSchema, 'Forgotten'), ...problems(400, 401, 403, 404) },
});
