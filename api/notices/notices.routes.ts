import { createRoute } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { noticePreferencesSchema, updateNoticePreferencesBody } from './notices.schemas.ts';

const tags = ['Notices'];
// Staff who file or say "me too" are told as customers are, so everyone chooses.
const signedIn = requireRole('signed-in');

export const getNoticePreferencesRoute = createRoute({
  method: 'get',
  path: '/api/me/notice-preferences',
  tags,
  summary: 'How you get each kind of notice about the bugs you found: at once, in a daily digest, or not at all',
  middleware: [signedIn] as const,
  responses: { 200: jsonResponse(noticePreferencesSchema, 'Every kind, defaults filled in'), ...problems(401) },
});

export const updateNoticePreferencesRoute = createRoute({
  method: 'put',
  path: '/api/me/notice-preferences',
  tags,
  summary: 'Change how you get some kinds of notice; the others stay as they are',
  middleware: [signedIn] as const,
  request: { body: jsonBody(updateNoticePreferencesBody) },
  responses: {
    200: jsonResponse(noticePreferencesSchema, 'Every kind, as now chosen'),
    ...problems(400, 401, 403, 415),
  },
});
