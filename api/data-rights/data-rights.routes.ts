import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { dataRightsAccountParams, eraseAccountBody, erasedAccountSchema } from './data-rights.schemas.ts';

const tags = ['Data rights'];
const archive = {
  description: 'A zip archive: data.json (everything held about the person) and files/ (their own uploads)',
  headers: { 'content-disposition': { schema: { type: 'string' as const } } },
  content: { 'application/zip': { schema: z.string().meta({ type: 'string', format: 'binary' }) } },
};
// Admins, and program leads for customers of the programs they lead, answer customers' requests
// (assertMvpAccountAccess decides which lead may).
const staffOnly = requireRole(['admin', 'engineer', 'internal_tester']);

export const exportMyDataRoute = createRoute({
  method: 'get',
  path: '/api/account/export',
  tags,
  summary: 'Download everything Fieldtest holds about you, as one zip archive',
  description:
    'Your account, profile, enrolments, terms accepted, reports, "me too" entries, comments and answers, fix ' +
    'verification answers, notice preferences and your files. Of a report you said "me too" to, only your own ' +
    'entry and the public summary.',
  middleware: [requireRole('signed-in')] as const,
  responses: { 200: archive, ...problems(401) },
});

export const eraseMyAccountRoute = createRoute({
  method: 'post',
  path: '/api/account/erase',
  tags,
  summary: 'Erase your MVP account (confirmed with your password); signs you out',
  description:
    'Your name, e-mail, profile, password, sessions, preferences, invitations and waiting mail are removed, and ' +
    'the files you uploaded. Your reports stay as "A former MVP", so the program\'s figures do not change; the ' +
    'GitHub issues, which never carried who you are, stay too. Staff accounts are removed under Staff (403).',
  middleware: [requireRole(['mvp'])] as const,
  request: { body: jsonBody(eraseAccountBody) },
  responses: { 200: jsonResponse(erasedAccountSchema, 'Erased'), ...problems(400, 401, 403, 415, 429) },
});

export const exportMvpDataRoute = createRoute({
  method: 'get',
  path: '/api/mvps/{id}/export',
  tags,
  summary: "An MVP's archive, for an admin or a program lead answering their request (404 for staff accounts)",
  description:
    'A lead may answer for a customer of the programs they lead only: when the customer also takes part in a ' +
    'program they do not lead, an admin answers (403).',
  middleware: [staffOnly] as const,
  request: { params: dataRightsAccountParams },
  responses: { 200: archive, ...problems(400, 401, 403, 404) },
});

export const eraseMvpAccountRoute = createRoute({
  method: 'post',
  path: '/api/mvps/{id}/erase',
  tags,
  summary: "Erase an MVP's account at their request, as they could themselves; recorded in the audit trail",
  description: 'For an admin, or a lead of every program the customer takes part in (403 otherwise).',
  middleware: [staffOnly] as const,
  request: { params: dataRightsAccountParams },
  responses: { 200: jsonResponse(erasedAccountSchema, 'Erased'), ...problems(400, 401, 403, 404, 409) },
});
