import { createRoute } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import {
  createdStaffMemberSchema,
  createStaffMemberBody,
  passwordLinkSchema,
  staffIdParams,
  staffListSchema,
  staffMemberSchema,
  updateStaffMemberBody,
} from './staff.schemas.ts';

const tags = ['Staff'];
const adminOnly = requireRole(['admin']);

export const listStaffRoute = createRoute({
  method: 'get',
  path: '/api/staff',
  tags,
  summary: 'Every staff account',
  middleware: [adminOnly] as const,
  responses: { 200: jsonResponse(staffListSchema, 'Staff accounts'), ...problems(401, 403) },
});

export const createStaffMemberRoute = createRoute({
  method: 'post',
  path: '/api/staff',
  tags,
  summary: 'Create a staff account; e-mails them the link to choose a password, and answers with it',
  middleware: [adminOnly] as const,
  request: { body: jsonBody(createStaffMemberBody) },
  responses: { 201: jsonResponse(createdStaffMemberSchema, 'Created'), ...problems(400, 401, 403, 409, 415) },
});

export const updateStaffMemberRoute = createRoute({
  method: 'patch',
  path: '/api/staff/{id}',
  tags,
  summary: "Change a staff member's role, disable or enable the account, or map their GitHub login",
  middleware: [adminOnly] as const,
  request: { params: staffIdParams, body: jsonBody(updateStaffMemberBody) },
  responses: { 200: jsonResponse(staffMemberSchema, 'Updated'), ...problems(400, 401, 403, 404, 409, 415) },
});

export const issuePasswordLinkRoute = createRoute({
  method: 'post',
  path: '/api/staff/{id}/password-link',
  tags,
  summary: 'A new single-use link for the staff member to choose a password, e-mailed to them',
  middleware: [adminOnly] as const,
  request: { params: staffIdParams },
  responses: { 201: jsonResponse(passwordLinkSchema, 'Link created'), ...problems(400, 401, 403, 404, 409) },
});
