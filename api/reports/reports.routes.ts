import { createRoute } from '@hono/zod-openapi';
import { releaseIdParams, reportIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, noContent, problems } from '../lib/openapi.ts';
import { reportSchema, reportSuggestionSchema } from '../lib/report-schemas.ts';
import { requireRole } from '../lib/require-role.ts';
import {
  fileReportBody,
  filingLimits,
  meTooBody,
  myReportsPageSchema,
  myReportsQuery,
  reportDraftStateSchema,
  saveReportDraftBody,
  similarReportListSchema,
  similarReportsBody,
} from './reports.schemas.ts';

const tags = ['Reports'];
// Every role files: MVPs into releases where they are active, staff into any. Outside their
// enrolments MVPs get 404, as everywhere (lib/release-access.ts).
const signedIn = requireRole('signed-in');

export const fileReportRoute = createRoute({
  method: 'post',
  path: '/api/reports',
  tags,
  summary:
    'File a bug report into a release that takes reports now (409 on `releaseId` with the reason when it does not); ' +
    'a retry with the same clientKey returns the report already filed',
  description: `Each person may file ${filingLimits.mvp.burst} reports at once and ${filingLimits.mvp.perHour} more an hour (staff ${filingLimits.staff.burst} and ${filingLimits.staff.perHour}); beyond, 429 with Retry-After. A retry of a report already filed is never refused and never counts.`,
  middleware: [signedIn] as const,
  request: { body: jsonBody(fileReportBody) },
  responses: {
    201: jsonResponse(reportSchema, 'Filed'),
    200: jsonResponse(reportSchema, 'Filed before with this clientKey'),
    ...problems(400, 401, 403, 404, 409, 415, 429),
  },
});

export const findSimilarReportsRoute = createRoute({
  method: 'post',
  path: '/api/releases/{id}/similar-reports',
  tags,
  summary: "Reports of the release like the one being typed, closest first: titles only, for a 'me too'",
  middleware: [signedIn] as const,
  request: { params: releaseIdParams, body: jsonBody(similarReportsBody) },
  responses: { 200: jsonResponse(similarReportListSchema, 'Up to 5 reports'), ...problems(400, 401, 403, 404, 415) },
});

export const addMeTooRoute = createRoute({
  method: 'post',
  path: '/api/reports/{id}/me-too',
  tags,
  summary: 'Say you found this bug too, with your environment and a note, instead of filing it again',
  middleware: [signedIn] as const,
  request: { params: reportIdParams, body: jsonBody(meTooBody) },
  responses: {
    201: jsonResponse(reportSuggestionSchema, 'Recorded as a co-finder'),
    ...problems(400, 401, 403, 404, 409, 415),
  },
});

export const getReportDraftRoute = createRoute({
  method: 'get',
  path: '/api/me/report-draft',
  tags,
  summary: 'The report form as last saved',
  middleware: [signedIn] as const,
  responses: { 200: jsonResponse(reportDraftStateSchema, 'The draft, or null'), ...problems(401) },
});

export const saveReportDraftRoute = createRoute({
  method: 'put',
  path: '/api/me/report-draft',
  tags,
  summary: 'Keep the report form as typed (at most 100 kB); filing a report deletes it',
  middleware: [signedIn] as const,
  request: { body: jsonBody(saveReportDraftBody) },
  responses: { 200: jsonResponse(reportDraftStateSchema, 'Saved'), ...problems(400, 401, 413, 415) },
});

export const deleteReportDraftRoute = createRoute({
  method: 'delete',
  path: '/api/me/report-draft',
  tags,
  summary: 'Throw the draft away',
  middleware: [signedIn] as const,
  responses: { 204: noContent, ...problems(401) },
});

export const listMyReportsRoute = createRoute({
  method: 'get',
  path: '/api/me/reports',
  tags,
  summary: 'Reports you filed or said "me too" to, newest first',
  middleware: [signedIn] as const,
  request: { query: myReportsQuery },
  responses: { 200: jsonResponse(myReportsPageSchema, 'A page of reports'), ...problems(400, 401) },
});
