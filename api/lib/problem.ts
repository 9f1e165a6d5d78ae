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
  // The rest of an oversized body is never read, so the connection cannot carry another request.
  if (error.code === 'payload_too_large') headers.connection = 'close';
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return new Response(JSON.stringify(body), { status, headers });
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
