import { createRoute } from '@hono/zod-openapi';
import { programIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, noContent, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import {
  programMemberParams,
  programMemberSchema,
  programMembersSchema,
  setProgramMemberBody,
} from './program-members.schemas.ts';

const tags = ['Programs'];
// Staff of the program read its members; admins and the program's leads change them (checked per
// program: 403 for another member, 404 for staff outside the program).
const staffOnly = requireRole(staffRoles);

export const listProgramMembersRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/members',
  tags,
  summary: "The program's members (engineers and internal testers) and, for those who manage it, who could be added",
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(programMembersSchema, 'Members'), ...problems(400, 401, 403, 404) },
});

export const setProgramMemberRoute = createRoute({
  method: 'put',
  path: '/api/programs/{id}/members/{userId}',
  tags,
  summary:
    "Add an engineer or internal tester to the program, or change whether they lead it (admins and the program's leads)",
  middleware: [staffOnly] as const,
  request: { params: programMemberParams, body: jsonBody(setProgramMemberBody) },
  responses: { 200: jsonResponse(programMemberSchema, 'Saved'), ...problems(400, 401, 403, 404, 415) },
});

export const removeProgramMemberRoute = createRoute({
  method: 'delete',
  path: '/api/programs/{id}/members/{userId}',
  tags,
  summary: "Take someone off the program; from then on its pages answer 404 to them (admins and the program's leads)",
  middleware: [staffOnly] as const,
  request: { params: programMemberParams },
  responses: { 204: noContent, ...problems(400, 401, 403, 404) },
});
