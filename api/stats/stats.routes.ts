import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { programIdParams, releaseIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import {
  clusterListQuery,
  clusterListSchema,
  leaderboardSchema,
  leaderboardVisibilityBody,
  leaderboardVisibilitySchema,
  myRecognitionSchema,
  programStatsSchema,
  releaseStatsSchema,
} from './stats.schemas.ts';

const tags = ['Statistics'];
// Program figures are for staff, like the program's report list; an MVP sees their own standing
// (GET /api/me/recognition) and the public leaderboards of releases they take part in.
const staffOnly = requireRole(staffRoles);
const signedIn = requireRole('signed-in');
const mvpOnly = requireRole(['mvp']);

export const readReleaseStatsRoute = createRoute({
  method: 'get',
  path: '/api/releases/{id}/stats',
  tags,
  summary: "A release's customer share of priority actionable clusters, by level and component, and times (staff)",
  middleware: [staffOnly] as const,
  request: { params: releaseIdParams },
  responses: { 200: jsonResponse(releaseStatsSchema, 'Computed now'), ...problems(400, 401, 403, 404) },
});

export const readProgramStatsRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/stats',
  tags,
  summary: "A program's figures over all its releases, with the share release by release (staff)",
  middleware: [staffOnly] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(programStatsSchema, 'Computed now'), ...problems(400, 401, 403, 404) },
});

export const listClustersRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/stats/clusters',
  tags,
  summary: 'The clusters (and their reports) behind a figure; format=csv downloads every matching cluster (staff)',
  middleware: [staffOnly] as const,
  request: { params: programIdParams, query: clusterListQuery },
  responses: {
    200: {
      description: 'A page of clusters (json), or all of them as an RFC 4180 attachment (csv)',
      content: {
        'application/json': { schema: clusterListSchema },
        'text/csv': { schema: z.string().meta({ description: 'Header row, CRLF line ends' }) },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

export const readReleaseLeaderboardRoute = createRoute({
  method: 'get',
  path: '/api/releases/{id}/leaderboard',
  tags,
  summary: "The release's leaderboard of customers by priority finds, weights and badges shown",
  middleware: [signedIn] as const,
  request: { params: releaseIdParams },
  responses: { 200: jsonResponse(leaderboardSchema, 'Best first'), ...problems(400, 401, 403, 404) },
});

export const readProgramLeaderboardRoute = createRoute({
  method: 'get',
  path: '/api/programs/{id}/leaderboard',
  tags,
  summary: "The program's leaderboard over all its releases",
  middleware: [signedIn] as const,
  request: { params: programIdParams },
  responses: { 200: jsonResponse(leaderboardSchema, 'Best first'), ...problems(400, 401, 403, 404) },
});

export const readMyRecognitionRoute = createRoute({
  method: 'get',
  path: '/api/me/recognition',
  tags,
  summary: "The MVP's own finds, score, rank and badges, per program and release",
  middleware: [mvpOnly] as const,
  responses: { 200: jsonResponse(myRecognitionSchema, 'Computed now'), ...problems(401, 403) },
});

export const setLeaderboardVisibilityRoute = createRoute({
  method: 'put',
  path: '/api/me/recognition/visibility',
  tags,
  summary: "Show or hide the MVP's handle on public leaderboards",
  middleware: [mvpOnly] as const,
  request: { body: jsonBody(leaderboardVisibilityBody) },
  responses: { 200: jsonResponse(leaderboardVisibilitySchema, 'Saved'), ...problems(400, 401, 403, 415) },
});
