import type { Emulator } from './emulator.ts';
import { repositoryJson, simpleUser } from './github-shapes.ts';
import { findRepo, type Route } from './rest-support.ts';

/** The small endpoints clients call to check their credentials, budget and repository. */
export const metaRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/user$/,
    handle: (emulator, request) => ({
      status: 200,
      body: { ...simpleUser(emulator.base, emulator.store.user(request.login)), name: null, email: null },
    }),
  },
  {
    method: 'GET',
    pattern: /^\/rate_limit$/,
    // GitHub: "Accessing this endpoint does not count against your REST API rate limit."
    auth: 'free',
    handle: (emulator, request) => rateLimit(emulator, tokenOf(request.headers.authorization)),
  },
  {
    method: 'GET',
    pattern: /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)$/,
    handle: (emulator, request) => {
      const repo = findRepo(emulator, request.params);
      if ('status' in repo) return repo;
      return { status: 200, body: repositoryJson(emulator.base, emulator.store, repo) };
    },
  },
];

function rateLimit(emulator: Emulator, token: string) {
  const headers = emulator.limits.headers(token);
  const core = {
    limit: Number(headers['x-ratelimit-limit']),
    remaining: Number(headers['x-ratelimit-remaining']),
    used: Number(headers['x-ratelimit-used']),
    reset: Number(headers['x-ratelimit-reset']),
  };
  return { status: 200, body: { resources: { core }, rate: core } };
}

export function tokenOf(authorization: string | undefined): string {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec((authorization ?? '').trim());
  return match?.[1] ?? '';
}
