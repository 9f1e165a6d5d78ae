import { createRoute } from '@hono/zod-openapi';
import { programIdParams, reportIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import {
  addCommentBody,
  commentSchema,
  reportListQuery,
  reportListSchema,
  reportPageSchema,
} from './report-views.schemas.ts';

const tags = ['Reports'];

export const readReportRoute = createRoute({
  method: 'get',
  path: '/api/reports/{id}',
  tags,
  summary:
    'A report with its timeline: in full for staff (team notes and co-finder entries too) and its reporter; ' +
    'a summary and their own entry for a co-finder',
  middleware: [requireRole('signed-in')] as const,
  request: { params: reportIdParams },
  responses: { 200: jsonResponse(reportPageSchema, 'The report'), ...problems(400, 401, 403, 404) },
});

export const addCommentRoute = createRoute({
  method: 'post',
  path: '/api/reports/{id}/comments',
  tags,
  summary: 'Comment on a report (public), or add a team note (staff)',
  middleware: [requireRole('signed-in')] as const,
  request: { params: reportIdParams, body: jsonBody(addCommentBody) },
  responses: { 201: jsonResponse(commentSchema, 'Added'), ...problems(400, 401, 403, 404, 415) },
});

export const listProgramReportsRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/reports',
  tags,
  summary: 'Every report of a program, newest first, filtered and paged by cursor (staff)',
  middleware: [requireRole(staffRoles)] as const,
  request: { params: programIdParams, query: reportListQuery },
  responses: { 200: jsonResponse(reportListSchema, 'A page of reports'), ...problems(400, 401, 403, 404) },
});
