import type { ZodType } from 'zod';
import { z } from 'zod';

// Helpers for route contracts, so that every route documents its answers the same way.

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const problemDescriptions: Record<number, string> = {
  400: 'Invalid request: `errors` lists each field at fault',
  401: 'No valid session, or wrong credentials',
  403: 'Signed in without the role this needs, or a cross-origin write',
  404: 'Not found',
  409: 'Conflicts with what is stored',
  410: 'The link was used, has expired, or never existed',
  413: 'Body too large',
  415: 'Body is not JSON',
  429: 'Too many attempts; see Retry-After',
  503: 'Not available now (busy, not ready, or GitHub unreachable); see Retry-After where given',
};

type ProblemResponse = {
  description: string;
  content: { 'application/problem+json': { schema: typeof problemSchema } };
};

export function problems<S extends number>(...statuses: S[]): Record<S, ProblemResponse> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemDescriptions[status] ?? 'Error',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  ) as Record<S, ProblemResponse>;
}

export function jsonBody<T extends ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export function jsonResponse<T extends ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const noContent = { description: 'Done' } as const;
