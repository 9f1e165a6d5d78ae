import { createRoute } from '@hono/zod-openapi';
import { jsonResponse, noContent, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { githubCallbackQuery, githubIdentitySchema, githubLinkStartSchema } from './github-identity.schemas.ts';

const tags = ['GitHub identity'];
const mvpOnly = requireRole(['mvp']);

export const getGithubIdentityRoute = createRoute({
  method: 'get',
  path: '/api/me/github',
  tags,
  summary: "The MVP's linked GitHub login, and whether linking one is possible here",
  middleware: [mvpOnly] as const,
  responses: { 200: jsonResponse(githubIdentitySchema, 'The linked login'), ...problems(401, 403) },
});

export const startGithubLinkRoute = createRoute({
  method: 'post',
  path: '/api/me/github/link',
  tags,
  summary: "Start linking a GitHub login: GitHub's page to approve it (the browser then comes back to the callback)",
  middleware: [mvpOnly] as const,
  responses: {
    200: jsonResponse(githubLinkStartSchema, "Send the browser to GitHub's page"),
    ...problems(401, 403, 404),
  },
});

export const finishGithubLinkRoute = createRoute({
  method: 'get',
  path: '/api/me/github/callback',
  tags,
  summary: 'Where GitHub sends the browser back: links the login, then redirects to the profile page',
  description: 'Redirects to `/profile?github=linked|cancelled|taken|expired|failed`.',
  middleware: [mvpOnly] as const,
  request: { query: githubCallbackQuery },
  responses: { 302: { description: 'Back to the profile page, saying how it went' }, ...problems(400, 401, 403) },
});

export const unlinkGithubRoute = createRoute({
  method: 'delete',
  path: '/api/me/github',
  tags,
  summary: 'Unlink the GitHub login (the issues it already brought stay the MVP’s)',
  middleware: [mvpOnly] as const,
  responses: { 204: noContent, ...problems(401, 403) },
});
