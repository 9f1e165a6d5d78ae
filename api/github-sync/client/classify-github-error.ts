/**
 * What a failed GitHub request means for the sync. Reads GitHub's documented signals:
 * - 403/429 with `retry-after`, `x-ratelimit-remaining: 0` or "secondary rate limit": rate limited;
 * - a timeout, a network error or a 5xx: the outcome is unknown (a write may have happened);
 * - 401: the credentials are rejected; 404/410: the repository or issue is gone or hidden;
 * - 301: moved (a transferred issue); anything else 4xx: GitHub refused this request for good.
 */
export type GithubFailure =
  | { kind: 'rate_limited'; status: number; reason: string; retryAfterMs?: number; resetAt?: Date }
  | { kind: 'unknown_outcome'; status?: number; reason: string }
  | { kind: 'unauthorized'; status: 401; reason: string }
  | { kind: 'gone'; status: 404 | 410; reason: string }
  | { kind: 'moved'; status: 301; reason: string; location?: string }
  | { kind: 'rejected'; status: number; reason: string };

type ErrorLike = {
  name?: string;
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
};

export function classifyGithubError(error: unknown): GithubFailure {
  const failure = (error ?? {}) as ErrorLike;
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const headers = failure.response?.headers ?? {};
  const message = messageOf(failure);
  const header = (name: string) => {
    const value = headers[name];
    return value === undefined ? undefined : String(value);
  };
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError' || status === undefined || !failure.response) {
    // No answer at all (timeout, reset, refused): the request may or may not have been acted on.
    if (status !== undefined && status < 500 && failure.response) return { kind: 'rejected', status, reason: message };
    return { kind: 'unknown_outcome', status, reason: `no answer from GitHub: ${message}` };
  }
  if (status === 403 || status === 429) {
    const retryAfter = header('retry-after');
    const remaining = header('x-ratelimit-remaining');
    const reset = header('x-ratelimit-reset');
    const secondary = /secondary rate limit|abuse/i.test(message);
    if (retryAfter !== undefined || remaining === '0' || secondary || status === 429) {
      const retryAfterSeconds = retryAfter === undefined ? undefined : Number(retryAfter);
      return {
        kind: 'rate_limited',
        status,
        reason: secondary ? `secondary rate limit: ${message}` : `rate limited (${status}): ${message}`,
        retryAfterMs:
          retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : undefined,
        resetAt: remaining === '0' && reset !== undefined ? new Date(Number(reset) * 1000) : undefined,
      };
    }
    return { kind: 'rejected', status, reason: `forbidden: ${message}` };
  }
  if (status >= 500) return { kind: 'unknown_outcome', status, reason: `GitHub answered ${status}: ${message}` };
  if (status === 401) return { kind: 'unauthorized', status, reason: `credentials rejected: ${message}` };
  if (status === 404 || status === 410)
    return { kind: 'gone', status, reason: `GitHub answered ${status}: ${message}` };
  if (status === 301) return { kind: 'moved', status, reason: 'moved permanently', location: header('location') };
  return { kind: 'rejected', status, reason: `GitHub answered ${status}: ${message}` };
}

function messageOf(failure: ErrorLike): string {
  const data = failure.response?.data;
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  return failure.message ?? String(failure);
}
