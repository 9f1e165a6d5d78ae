import { createRoute } from '@hono/zod-openapi';
import { programIdParams } from '../../lib/id-params.ts';
import { jsonResponse, problems } from '../../lib/openapi.ts';
import { requireRole } from '../../lib/require-role.ts';
import { staffRoles } from '../../lib/roles.ts';
import { repositoryCheckSchema } from './repository-check.schemas.ts';

const tags = ['Programs'];
// Staff of the program read the last check; admins and the program's leads run one.
const staffOnly = requireRole(staffRoles);

export const readRepositoryCheckRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/repository-check',
  tags,
  summary: "Whether the program's repository is connected, as last checked",
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(repositoryCheckSchema, 'The last check'), ...problems(400, 401, 403, 404) },
});

export const runRepositoryCheckRoute = createRoute({
  method: 'post',
  path: '/api/programs/{id}/repository-check',
  tags,
  summary: "Check the program's repository on GitHub now, creating the labels the sync needs",
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(repositoryCheckSchema, 'The check'), ...problems(400, 401, 403, 404) },
});
