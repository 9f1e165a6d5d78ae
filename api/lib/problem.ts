import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, errorCodes } from './app-error.ts';

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
};

/** The one place where an error becomes an HTTP answer: RFC 9457 problem+json, never a stack trace. */
export function problemResponse(c: Context, error: AppError): Response {
  const { status, title } = errorCodes[error.code];
  const body: ProblemBody = {
    type: `https://fieldtest.dev/problems/${error.code.replaceAll('_', '-')}`,
    title,
    status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.fields ? { errors: error.fields } : {}),
    requestId: c.get('requestId'),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  // The rest of a body refused before it was read (too large, not multipart, no session) may still
  // be on its way; the server gives up draining it after a moment and drops the socket, so the
  // client is told not to send another request on it.
  if (error.code === 'payload_too_large' || (bodyLeftUnread(c) && !c.get('keepConnection')))
    headers.connection = 'close';
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return new Response(JSON.stringify(body), { status, headers });
}

function bodyLeftUnread(c: Context): boolean {
  const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
  if (!hasBody) return false;
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return incoming ? !incoming.readableEnded : !c.req.raw.bodyUsed;
}

export function validationError(error: ZodError, location: string): AppError {
  const fields = error.issues.map((issue) => {
    // Unknown keys are reported against each key, so the form can point at the culprit.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      field: [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.') || location,
      message: issue.message,
    }));
  });
  return new AppError('validation', { detail: `Invalid ${location}.`, fields: fields.flat() });
}

/** Maps anything thrown to an AppError; unknown errors become a bare 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError('payload_too_large', { cause: error });
    if (error.status === 400) return new AppError('malformed_body', { detail: error.message, cause: error });
    if (error.status === 401) return new AppError('unauthenticated', { cause: error });
    if (error.status === 404) return new AppError('not_found', { cause: error });
  }
  return new AppError('internal', { cause: error });
}
