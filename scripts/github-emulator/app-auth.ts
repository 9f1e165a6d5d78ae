import { randomBytes, verify } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import type { Emulator } from './emulator.ts';
import { isoSeconds, simpleUser } from './github-shapes.ts';
import { findRepo, githubError, type Route } from './rest-support.ts';

type InstallationToken = components['schemas']['installation-token'];
type Installation = components['schemas']['installation'];

/**
 * GitHub App authentication: the app signs a short JWT (RS256) with its private key and trades it
 * for an installation token, which acts as `<slug>[bot]` and expires after an hour (scaled).
 */
export const appRoutes: Route[] = [
  {
    // The app's installation on a repository's owner (every repository of an owner it is installed
    // on: the emulator installs the app on every owner, with the owner's account id as its number).
    method: 'GET',
    pattern: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/installation$/,
    auth: 'jwt',
    handle: (emulator, request) => {
      const app = emulator.config.app;
      const refused = appRefusal(emulator, request.headers.authorization);
      if (refused || !app) return refused ?? githubError(404, 'Not Found');
      const repo = findRepo(emulator, request.params);
      if ('status' in repo) return repo;
      const owner = emulator.store.user(repo.owner);
      const created = isoSeconds(emulator.startedAt);
      const body: Installation = {
        id: owner.id,
        account: simpleUser(emulator.base, owner),
        repository_selection: 'all',
        access_tokens_url: `${emulator.base}/app/installations/${owner.id}/access_tokens`,
        repositories_url: `${emulator.base}/installation/repositories`,
        html_url: `${emulator.base}/settings/installations/${owner.id}`,
        app_id: Number(app.id),
        target_id: owner.id,
        target_type: 'User',
        permissions: { issues: 'write', metadata: 'read' },
        events: ['issues', 'issue_comment'],
        created_at: created,
        updated_at: created,
        single_file_name: null,
        app_slug: app.slug,
        suspended_by: null,
        suspended_at: null,
      };
      return { status: 200, body };
    },
  },
  {
    method: 'POST',
    pattern: /^\/app\/installations\/(?<installation>\d+)\/access_tokens$/,
    auth: 'jwt',
    handle: (emulator, request) => {
      const app = emulator.config.app;
      const refused = appRefusal(emulator, request.headers.authorization);
      if (refused || !app) return refused ?? githubError(404, 'Not Found');
      const token = `ghs_${randomBytes(27).toString('base64url').slice(0, 36)}`;
      const expiresAt = Date.now() + emulator.limits.hourMs;
      emulator.appTokens.set(token, {
        login: `${app.slug}[bot]`,
        installationId: request.params.installation ?? '',
        expiresAt,
      });
      const body: InstallationToken = {
        token,
        expires_at: isoSeconds(expiresAt),
        permissions: { issues: 'write', metadata: 'read' },
        repository_selection: 'all',
      };
      return { status: 201, body };
    },
  },
];

/** GitHub's answer to an App request without the app configured (404) or with a JWT it refuses (401). */
function appRefusal(emulator: Emulator, authorization: string | undefined) {
  if (!emulator.config.app) return githubError(404, 'Not Found');
  const problem = jwtProblem(emulator, authorization ?? '');
  return problem ? githubError(401, problem) : null;
}

/** Why GitHub would refuse this bearer JWT, or null when it is the app's and still valid. */
export function jwtProblem(emulator: Emulator, authorization: string): string | null {
  const app = emulator.config.app;
  if (!app) return 'A JSON web token could not be decoded';
  const match = /^bearer\s+(\S+)$/i.exec(authorization.trim());
  const parts = match?.[1]?.split('.') ?? [];
  if (parts.length !== 3) return 'A JSON web token could not be decoded';
  const [header, payload, signature] = parts as [string, string, string];
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (decodedHeader.alg !== 'RS256') return 'A JSON web token could not be decoded';
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'A JSON web token could not be decoded';
  }
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    app.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return 'A JSON web token could not be decoded';
  if (String(claims.iss) !== app.id) return 'Integration not found';
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.iat !== 'number' || !Number.isInteger(claims.iat) || claims.iat > now + 60)
    return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
  if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp - claims.iat > 660)
    return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
  return null;
}
