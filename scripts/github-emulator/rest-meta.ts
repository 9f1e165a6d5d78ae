import type { components } from '@octokit/openapi-types';
import type { Emulator } from './emulator.ts';
import { fullRepositoryJson, isoSeconds, simpleUser } from './github-shapes.ts';
import { findRepo, type Route } from './rest-support.ts';

/** The small endpoints clients call to check their credentials, budget and repository. */
export const metaRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/user$/,
    // A token without the `user` scope sees the public profile (GitHub: "lists only public profile
    // information"); the emulator keeps no profile, so every field of one is empty.
    handle: (emulator, request) => {
      const created = isoSeconds(emulator.startedAt);
      const body: components['schemas']['public-user'] = {
        ...simpleUser(emulator.base, emulator.store.user(request.login)),
        name: null,
        email: null,
        company: null,
        blog: null,
        location: null,
        hireable: null,
        bio: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: created,
        updated_at: created,
      };
      return { status: 200, body };
    },
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
      return { status: 200, body: fullRepositoryJson(emulator.base, emulator.store, repo) };
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
  // Search has its own budget, which the emulator does not spend: GitHub's 30 a minute.
  const search = { limit: 30, remaining: 30, used: 0, reset: Math.ceil(Date.now() / 1000) + 60 };
  return { status: 200, body: { resources: { core, search }, rate: core } };
}

export function tokenOf(authorization: string | undefined): string {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec((authorization ?? '').trim());
  return match?.[1] ?? '';
}
