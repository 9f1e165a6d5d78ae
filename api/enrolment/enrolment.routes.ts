import { createRoute } from '@hono/zod-openapi';
import { releaseIdParams } from '../lib/id-params.ts';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import { staffRoles } from '../lib/roles.ts';
import {
  cohortMemberSchema,
  cohortQuery,
  cohortSchema,
  enrolmentIdParams,
  inviteBody,
  invitedPeopleSchema,
  joinLinkSchema,
  setJoinLinkBody,
} from './enrolment.schemas.ts';

const tags = ['Enrolment'];
// Admins, and the leads of the release's program (checked per program by the handlers: 403 for
// another member, 404 for staff outside the program).
const leads = requireRole(staffRoles);

export const inviteToReleaseRoute = createRoute({
  method: 'post',
  path: '/api/releases/{id}/invitations',
  tags,
  summary: "Invite people into a release's cohort; each gets an e-mail with a single-use link (all or nothing)",
  middleware: [leads] as const,
  request: { params: releaseIdParams, body: jsonBody(inviteBody) },
  responses: { 201: jsonResponse(invitedPeopleSchema, 'Invited'), ...problems(400, 401, 403, 404, 409, 415) },
});

export const resendInvitationRoute = createRoute({
  method: 'post',
  path: '/api/enrolments/{id}/invitation',
  tags,
  summary: 'Send an invited person a fresh link; earlier links stop working',
  middleware: [leads] as const,
  request: { params: enrolmentIdParams },
  responses: { 201: jsonResponse(cohortMemberSchema, 'Sent'), ...problems(400, 401, 403, 404, 409) },
});

export const revokeInvitationRoute = createRoute({
  method: 'delete',
  path: '/api/enrolments/{id}/invitation',
  tags,
  summary: 'Withdraw an invitation not yet accepted: its links stop working and the person is removed',
  middleware: [leads] as const,
  request: { params: enrolmentIdParams },
  responses: { 200: jsonResponse(cohortMemberSchema, 'Revoked'), ...problems(400, 401, 403, 404, 409) },
});

export const setJoinLinkRoute = createRoute({
  method: 'put',
  path: '/api/releases/{id}/join-link',
  tags,
  summary: "Open or close the release's public join link and set how many applications it takes",
  middleware: [leads] as const,
  request: { params: releaseIdParams, body: jsonBody(setJoinLinkBody) },
  responses: { 200: jsonResponse(joinLinkSchema, 'The join link'), ...problems(400, 401, 403, 404, 409, 415) },
});

export const rotateJoinLinkRoute = createRoute({
  method: 'post',
  path: '/api/releases/{id}/join-link/rotate',
  tags,
  summary: 'Give the join link a new address; the old one stops working',
  middleware: [leads] as const,
  request: { params: releaseIdParams },
  responses: { 200: jsonResponse(joinLinkSchema, 'The new join link'), ...problems(400, 401, 403, 404, 409) },
});

export const listCohortRoute = createRoute({
  method: 'get',
  path: '/api/releases/{id}/cohort',
  tags,
  summary: "The release's cohort and queue of applications, with counts, capacity and the join link",
  middleware: [leads] as const,
  request: { params: releaseIdParams, query: cohortQuery },
  responses: { 200: jsonResponse(cohortSchema, 'The cohort'), ...problems(400, 401, 403, 404) },
});

export const approveApplicationRoute = createRoute({
  method: 'post',
  path: '/api/enrolments/{id}/approve',
  tags,
  summary: 'Approve an application: the applicant is invited and gets the invitation e-mail',
  middleware: [leads] as const,
  request: { params: enrolmentIdParams },
  responses: { 200: jsonResponse(cohortMemberSchema, 'Approved'), ...problems(400, 401, 403, 404, 409) },
});

export const declineApplicationRoute = createRoute({
  method: 'post',
  path: '/api/enrolments/{id}/decline',
  tags,
  summary: 'Decline an application; the applicant is told by e-mail',
  middleware: [leads] as const,
  request: { params: enrolmentIdParams },
  responses: { 200: jsonResponse(cohortMemberSchema, 'Declined'), ...problems(400, 401, 403, 404, 409) },
});

export const removeFromCohortRoute = createRoute({
  method: 'post',
  path: '/api/enrolments/{id}/remove',
  tags,
  summary: 'Take an invited or active MVP out of the cohort; their access ends at once, their reports stay',
  middleware: [leads] as const,
  request: { params: enrolmentIdParams },
  responses: { 200: jsonResponse(cohortMemberSchema, 'Removed'), ...problems(400, 401, 403, 404, 409) },
});
