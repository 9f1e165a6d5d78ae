import { hc } from 'hono/client';
import type { AppType } from '#api/app.ts';
import type { ProblemBody } from '#api/lib/problem.ts';

/** The typed client of every API route; same origin, so the session cookie travels by itself. */
export const api = hc<AppType>('/').api;

/** An answer that was not ok, with the problem+json body the API sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<ProblemBody>;
  /** Seconds to wait before asking again, from the `Retry-After` header of a 429. */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Partial<ProblemBody>, retryAfter: string | null) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    const seconds = Number(retryAfter);
    this.retryAfterSeconds = retryAfter && Number.isFinite(seconds) ? seconds : null;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** The first message for each field at fault, keyed by field path ("email", "role"…). */
  get fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const { field, message } of this.problem.errors ?? []) fields[field] ??= message;
    return fields;
  }
}

type OkBody<R> = R extends { ok: true; json: () => Promise<infer T> } ? T : never;

/** Awaits a typed-client call; returns the body of an ok answer, throws ApiError otherwise. */
export async function unwrap<R extends { ok: boolean; status: number; headers: Headers; json: () => Promise<unknown> }>(
  call: Promise<R>,
): Promise<OkBody<R>> {
  const response = await call;
  if (!response.ok) throw await apiErrorOf(response);
  if (response.status === 204) return undefined as OkBody<R>;
  return (await response.json()) as OkBody<R>;
}

/** The ApiError of an answer that was not ok. */
export async function apiErrorOf(response: { status: number; headers: Headers; json: () => Promise<unknown> }) {
  // A proxy in front of the API may answer with HTML: still an error, only without details.
  const problem = (await response.json().catch(() => ({}))) as Partial<ProblemBody>;
  return new ApiError(response.status, problem, response.headers.get('retry-after'));
}

/**
 * Saves a file the API answered with (a `Content-Disposition: attachment` answer) under the name it
 * gives, or throws the ApiError of a refusal, so that the page can say why instead of the browser
 * saving the problem as a file.
 */
export async function saveDownload(
  call: Promise<{
    ok: boolean;
    status: number;
    headers: Headers;
    json: () => Promise<unknown>;
    blob: () => Promise<Blob>;
  }>,
  fallbackName: string,
): Promise<void> {
  const response = await call;
  if (!response.ok) throw await apiErrorOf(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One sentence for the person at the screen, whatever went wrong. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problem.detail) return error.problem.detail;
    if (error.status === 429 && error.retryAfterSeconds) {
      return `Too many attempts. Try again in ${Math.ceil(error.retryAfterSeconds)} seconds.`;
    }
    return error.problem.title ?? `Something went wrong (error ${error.status}). Try again.`;
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return 'Fieldtest could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong. Try again.';
}

/** A 4xx will not change by asking again; network trouble and 5xx may. */
export function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}
