import { hc } from 'hono/client';
import type { AppType } from '../../../api/app.ts';
import type { ProblemBody } from '../../../api/lib/problem.ts';

/** The typed client of every API route; same origin, so the session cookie travels by itself. */
export const api = hc<AppType>('/').api;

/** An answer that was not ok, with the problem+json body the API sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<ProblemBody>;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Partial<ProblemBody>, retryAfter: string | null) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfter ? Number(retryAfter) : null;
  }

  /** Field errors keyed by field path, as the API reported them. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((error) => [error.field, error.message]));
  }
}

type OkBody<R> = R extends { ok: true; json: () => Promise<infer T> } ? T : never;

/** Awaits a typed-client call; returns the body of an ok answer, throws ApiError otherwise. */
export async function unwrap<R extends { ok: boolean; status: number; headers: Headers; json: () => Promise<unknown> }>(
  call: Promise<R>,
): Promise<OkBody<R>> {
  const response = await call;
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<ProblemBody>;
    throw new ApiError(response.status, problem, response.headers.get('retry-after'));
  }
  if (response.status === 204) return undefined as OkBody<R>;
  return (await response.json()) as OkBody<R>;
}
