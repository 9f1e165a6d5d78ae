import { createRoute } from '@hono/zod-openapi';
import { userSchema } from '../auth/auth.schemas.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { acceptInvitationBody, invitationInfoSchema, invitationTokenBody } from './invitations.schemas.ts';

const tags = ['Invitations'];

export const inspectInvitationRoute = createRoute({
  method: 'post',
  path: '/api/invitations/inspect',
  tags,
  summary: 'What an invitation link is for, and whether it can still be accepted (410 with the reason if not)',
  request: { body: jsonBody(invitationTokenBody) },
  responses: { 200: jsonResponse(invitationInfoSchema, 'The invitation can be accepted'), ...problems(400, 410, 415) },
});

export const acceptInvitationRoute = createRoute({
  method: 'post',
  path: '/api/invitations/accept',
  tags,
  summary: 'Accept an invitation, creating the MVP account or joining it to an existing one; signs in',
  request: { body: jsonBody(acceptInvitationBody) },
  responses: {
    200: jsonResponse(userSchema, 'Accepted and signed in'),
    ...problems(400, 401, 403, 409, 410, 415, 429),
  },
});
