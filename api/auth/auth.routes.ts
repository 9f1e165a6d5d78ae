import { createRoute } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, noContent, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import {
  inspectLinkBody,
  linkInfoSchema,
  passwordResetBody,
  passwordResetRequestedSchema,
  sessionSchema,
  sessionUserSchema,
  setPasswordBody,
  signInBody,
  userSchema,
} from './auth.schemas.ts';

const tags = ['Auth'];

export const signInRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-in',
  tags,
  summary: 'Sign in with e-mail and password; sets the session cookie',
  request: { body: jsonBody(signInBody) },
  responses: { 200: jsonResponse(userSchema, 'Signed in'), ...problems(400, 401, 403, 415, 429) },
});

export const signOutRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-out',
  tags,
  summary: 'End this session',
  middleware: [requireRole('signed-in')] as const,
  responses: { 204: noContent, ...problems(401, 403) },
});

export const signOutEverywhereRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-out-everywhere',
  tags,
  summary: "End every one of the user's sessions, on every device",
  middleware: [requireRole('signed-in')] as const,
  responses: { 204: noContent, ...problems(401, 403) },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/api/auth/me',
  tags,
  summary: 'The signed-in user',
  middleware: [requireRole('signed-in')] as const,
  responses: {
    200: jsonResponse(sessionUserSchema, 'The signed-in user and the programs they lead'),
    ...problems(401),
  },
});

// The portal asks this on every load; not being signed in is an ordinary answer there, not an error.
export const sessionRoute = createRoute({
  method: 'get',
  path: '/api/auth/session',
  tags,
  summary: 'The signed-in user, or null',
  responses: { 200: jsonResponse(sessionSchema, 'The current session') },
});

export const inspectLinkRoute = createRoute({
  method: 'post',
  path: '/api/auth/links/inspect',
  tags,
  summary: 'What a one-time link is for, and whether it can still be used',
  request: { body: jsonBody(inspectLinkBody) },
  responses: { 200: jsonResponse(linkInfoSchema, 'The link can be used'), ...problems(400, 410, 415) },
});

export const setPasswordRoute = createRoute({
  method: 'post',
  path: '/api/auth/set-password',
  tags,
  summary: "Choose a password through a one-time link (a new account's or a reset); ends other sessions, signs in",
  request: { body: jsonBody(setPasswordBody) },
  responses: { 200: jsonResponse(userSchema, 'Password set and signed in'), ...problems(400, 403, 410, 415) },
});

export const requestPasswordResetRoute = createRoute({
  method: 'post',
  path: '/api/auth/password-reset',
  tags,
  summary: 'E-mail a single-use link to choose a new password',
  description:
    'Answers 202 with the same body whether or not an account has the address, is disabled or has no ' +
    'password yet; only an enabled account is sent the link (valid 60 minutes, voiding its earlier unused ' +
    'reset links), which /api/auth/set-password redeems. Limited per caller and per e-mail address (429).',
  request: { body: jsonBody(passwordResetBody) },
  responses: {
    202: jsonResponse(passwordResetRequestedSchema, 'Requested'),
    ...problems(400, 403, 415, 429),
  },
});
