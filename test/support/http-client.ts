import { hc } from 'hono/client';
import type { AppType } from '../../api/app.ts';
import { assertDocumentedResponse } from './openapi-check.ts';

/**
 * A client with its own cookie jar, like one browser: `api` is the typed hono/client,
 * `request` sends anything (malformed bodies, foreign origins) for the cases types forbid.
 * Every API response is checked against the server's OpenAPI document (openapi-check.ts).
 */
export function createClient(baseUrl: string, defaults: { headers?: Record<string, string> } = {}) {
  const jar = new Map<string, string>();
  const cookieFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(defaults.headers ?? {}))
      if (!headers.has(name)) headers.set(name, value);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    const url = new URL(input instanceof Request ? input.url : input, baseUrl);
    await assertDocumentedResponse(init?.method ?? (input instanceof Request ? input.method : 'GET'), url, response);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) jar.delete(name.trim());
      else jar.set(name.trim(), value.trim());
    }
    return response;
  };
  return {
    api: hc<AppType>(baseUrl, { fetch: cookieFetch }),
    request: (path: string, init?: RequestInit) => cookieFetch(new URL(path, baseUrl), init),
    json: (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      cookieFetch(new URL(path, baseUrl), {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    cookies: jar,
  };
}

export type TestClient = ReturnType<typeof createClient>;
