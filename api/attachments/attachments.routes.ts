import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { jsonResponse, noContent, problemSchema, problems } from '../lib/openapi.ts';
import { requireRole } from '../lib/require-role.ts';
import {
  attachmentContentTypes,
  attachmentIdParams,
  attachmentLimits,
  attachmentSchema,
  uploadAttachmentBody,
  uploadQuota,
} from './attachments.schemas.ts';
import { multipartOnly } from './multipart-only.ts';

const tags = ['Attachments'];
// Anyone who can file a report can upload; reading is decided per attachment (404 for others).
const signedIn = requireRole('signed-in');

const binary = z.string().meta({ type: 'string', format: 'binary' });
const fileContent = Object.fromEntries(
  attachmentContentTypes.map((type) => [type.split(';')[0]!, { schema: binary }]),
) as Record<string, { schema: typeof binary }>;

const mebibytes = (bytes: number) => `${bytes / 1024 / 1024} MiB`;
const limits = `images ${mebibytes(attachmentLimits.image)}, videos ${mebibytes(attachmentLimits.video)}, text ${mebibytes(attachmentLimits.text)}`;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const uploadAttachmentRoute = createRoute({
  method: 'post',
  path: '/api/attachments',
  tags,
  summary: 'Upload one file (multipart/form-data, field `file`) to attach to a report filed later',
  description: `The type is read from the content, never from the name or declared type. One person may upload at most ${uploadQuota.files} files and ${mebibytes(uploadQuota.bytes)} in any ${uploadQuota.windowHours} hours, attached to a report or not (429 with Retry-After beyond).`,
  middleware: [signedIn, multipartOnly()] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: uploadAttachmentBody } } } },
  responses: {
    201: jsonResponse(attachmentSchema, 'Stored'),
    ...problems(400, 401, 403, 429),
    413: problem(`The file is larger than its kind allows (${limits})`),
    415: problem('Not multipart/form-data, or the file is not a supported image, video or UTF-8 text'),
  },
});

export const getAttachmentRoute = createRoute({
  method: 'get',
  path: '/api/attachments/{id}',
  tags,
  summary: 'The file, for its uploader until it is attached, then for whoever may see the report; others get 404',
  description:
    'Images are served inline, everything else as a download, always with nosniff and a sandboxing Content-Security-Policy.',
  middleware: [signedIn] as const,
  request: { params: attachmentIdParams },
  responses: {
    200: { description: 'The file', content: fileContent },
    ...problems(400, 401, 403, 404),
    410: problem('file_purged: the file was removed after its retention period; its record stays'),
  },
});

export const deleteAttachmentRoute = createRoute({
  method: 'delete',
  path: '/api/attachments/{id}',
  tags,
  summary: 'Remove your own upload while no report uses it',
  middleware: [signedIn] as const,
  request: { params: attachmentIdParams },
  responses: { 204: noContent, ...problems(400, 401, 403, 404, 409) },
});
