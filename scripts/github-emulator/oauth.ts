import { randomBytes } from 'node:crypto';
import type { Emulator } from './emulator.ts';

// GitHub's OAuth web flow (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps):
// GET /login/oauth/authorize sends the person back to `redirect_uri` with `code` and `state` once
// they approve (here: whoever the control API signed in to "the browser"; nobody means they
// cancelled, `error=access_denied`); POST /login/oauth/access_token exchanges the code, once,
// within ten minutes, for a token that acts as them. Errors of the exchange answer 200 with
// `error`, as GitHub's do.
const codeTtlMs = 10 * 60_000;

export type OauthAnswer = { status: number; headers: Record<string, string>; body?: unknown };

export function handleOauth(emulator: Emulator, method: string, url: URL, raw: Buffer): OauthAnswer | null {
  if (method === 'GET' && url.pathname === '/login/oauth/authorize') return authorize(emulator, url.searchParams);
  if (method === 'POST' && url.pathname === '/login/oauth/access_token') return exchange(emulator, raw);
  return null;
}

function authorize(emulator: Emulator, query: URLSearchParams): OauthAnswer {
  const app = emulator.config.oauth;
  if (!app || query.get('client_id') !== app.clientId) {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
  }
  const redirect = query.get('redirect_uri');
  if (!redirect) return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'redirect_uri is required' };
  const back = new URL(redirect);
  const state = query.get('state');
  if (state !== null) back.searchParams.set('state', state);
  const login = emulator.oauth.browserLogin;
  if (!login) {
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'The user has denied your application access.');
  } else {
    const code = randomBytes(10).toString('hex');
    emulator.oauth.codes.set(code, { login, redirectUri: redirect, expiresAt: Date.now() + codeTtlMs });
    back.searchParams.set('code', code);
  }
  return { status: 302, headers: { location: back.toString() } };
}

function exchange(emulator: Emulator, raw: Buffer): OauthAnswer {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const text = raw.toString('utf8');
  let fields: Record<string, string>;
  try {
    fields = text.trim().startsWith('{')
      ? (JSON.parse(text) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(text));
  } catch {
    return { status: 400, headers: json, body: { error: 'bad_request' } };
  }
  const app = emulator.config.oauth;
  if (!app || fields.client_id !== app.clientId || fields.client_secret !== app.clientSecret) {
    return {
      status: 200,
      headers: json,
      body: {
        error: 'incorrect_client_credentials',
        error_description: 'The client_id and/or client_secret passed are incorrect.',
      },
    };
  }
  const code = emulator.oauth.codes.get(fields.code ?? '');
  emulator.oauth.codes.delete(fields.code ?? '');
  if (!code || code.expiresAt < Date.now() || (fields.redirect_uri && fields.redirect_uri !== code.redirectUri)) {
    return {
      status: 200,
      headers: json,
      body: { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' },
    };
  }
  const token = `gho_${randomBytes(18).toString('hex')}`;
  emulator.oauth.tokens.set(token, code.login);
  emulator.store.user(code.login);
  return { status: 200, headers: json, body: { access_token: token, token_type: 'bearer', scope: '' } };
}
