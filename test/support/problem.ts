import { expect } from 'vitest';
import type { ProblemBody } from '../../api/lib/problem.ts';

/** Reads an error answer, checking that it is problem+json with a status that matches the response. */
export async function readProblem(response: {
  status: number;
  headers: Headers;
  json: () => Promise<unknown>;
}): Promise<ProblemBody> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as ProblemBody;
  expect(body.status).toBe(response.status);
  return body;
}

/** Asserts the status of a typed client response and returns its body, typed for that status. */
export async function bodyOf<R extends { status: number; json: () => Promise<unknown> }, S extends R['status']>(
  response: R,
  status: S,
): Promise<Awaited<ReturnType<Extract<R, { status: S }>['json']>>> {
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status });
  return body as Awaited<ReturnType<Extract<R, { status: S }>['json']>>;
}
