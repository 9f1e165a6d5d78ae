import { createRoute } from '@hono/zod-openapi';
import { jsonBody, jsonResponse, problems } from '../lib/openapi.ts';
import {
  applicationReceivedSchema,
  applyBody,
  confirmationSentSchema,
  confirmationTokenBody,
  joinConfirmationInfoSchema,
  joinInfoSchema,
  joinTokenBody,
} from './join.schemas.ts';

const tags = ['Join'];

export const inspectJoinLinkRoute = createRoute({
  method: 'post',
  path: '/api/join/inspect',
  tags,
  summary: 'The release a join link is for, and whether it takes applications now',
  request: { body: jsonBody(joinTokenBody) },
  responses: { 200: jsonResponse(joinInfoSchema, 'The release'), ...problems(400, 410, 415) },
});

export const applyToJoinRoute = createRoute({
  method: 'post',
  path: '/api/join/apply',
  tags,
  summary: 'Apply to test a release through its join link; counts once the address is confirmed',
  description:
    'E-mails a confirmation link to the address; nothing the applicant typed is in that e-mail. Limited per ' +
    'caller and per link (429); requests for one address beyond its own limit get the same answer and no e-mail.',
  request: { body: jsonBody(applyBody) },
  responses: {
    202: jsonResponse(confirmationSentSchema, 'Waiting for the address to be confirmed'),
    ...problems(400, 403, 409, 410, 415, 429),
  },
});

export const inspectJoinConfirmationRoute = createRoute({
  method: 'post',
  path: '/api/join/confirmation/inspect',
  tags,
  summary: 'The application a confirmation link stands for, to check before confirming',
  request: { body: jsonBody(confirmationTokenBody) },
  responses: { 200: jsonResponse(joinConfirmationInfoSchema, 'The application'), ...problems(400, 410, 415) },
});

export const confirmJoinApplicationRoute = createRoute({
  method: 'post',
  path: '/api/join/confirm',
  tags,
  summary: 'Confirm an application with the link e-mailed to its address; the program lead decides',
  request: { body: jsonBody(confirmationTokenBody) },
  responses: {
    201: jsonResponse(applicationReceivedSchema, 'Application received'),
    ...problems(400, 403, 409, 410, 415),
  },
});
