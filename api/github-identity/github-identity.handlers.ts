import { timingSafeEqual } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppRouteHandler } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { readGithubLogin } from './finish-github-link.ts';
import type {
  finishGithubLinkRoute,
  getGithubIdentityRoute,
  startGithubLinkRoute,
  unlinkGithubRoute,
} from './github-identity.routes.ts';
import type { GithubLinkOutcome } from './github-identity.schemas.ts';
import { linkGithubLogin, unlinkGithubLogin } from './link-github-login.ts';
import { readGithubIdentity } from './read-github-identity.ts';
import { startGithubLink } from './start-github-link.ts';

const stateCookie = 'ft_github_state';
const statePath = '/api/me/github';

export const getGithubIdentityHandler: AppRouteHandler<typeof getGithubIdentityRoute> = async (c) =>
  c.json(await readGithubIdentity({ prisma: c.var.deps.prisma, env: c.var.deps.env, userId: c.var.user.id }), 200);

export const startGithubLinkHandler: AppRouteHandler<typeof startGithubLinkRoute> = async (c) => {
  const { env } = c.var.deps;
  const { authorizeUrl, state } = startGithubLink({ env });
  // Lax: the cookie comes back on GitHub's top-level redirect to the callback, and only there.
  setCookie(c, stateCookie, state, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: env.secureCookies,
    path: statePath,
    maxAge: 600,
  });
  return c.json({ authorizeUrl }, 200);
};

export const finishGithubLinkHandler: AppRouteHandler<typeof finishGithubLinkRoute> = async (c) => {
  const { env, prisma } = c.var.deps;
  const query = c.req.valid('query');
  const expected = getCookie(c, stateCookie);
  deleteCookie(c, stateCookie, { path: statePath, secure: env.secureCookies });
  if (!expected || !query.state || !sameText(expected, query.state)) {
    throw new AppError('validation', {
      detail: 'This answer from GitHub was not asked for by this browser: start linking again from your profile.',
      fields: [{ field: 'state', message: 'Does not match the link this browser started' }],
    });
  }
  const back = (outcome: GithubLinkOutcome) => c.redirect(`/profile?github=${outcome}`, 302);
  if (query.error || !query.code) return back('cancelled');
  const read = await readGithubLogin({ env, code: query.code });
  if ('outcome' in read) {
    c.var.logger.warn({ userId: c.var.user.id, reason: read.reason }, 'GitHub login not linked');
    return back(read.outcome);
  }
  const linked = await linkGithubLogin({ prisma, userId: c.var.user.id, login: read.login });
  if (linked.outcome === 'linked') {
    c.var.logger.info({ userId: c.var.user.id, reports: linked.reports }, 'GitHub login linked');
  }
  return back(linked.outcome);
};

export const unlinkGithubHandler: AppRouteHandler<typeof unlinkGithubRoute> = async (c) => {
  await unlinkGithubLogin({ prisma: c.var.deps.prisma, userId: c.var.user.id });
  return c.body(null, 204);
};

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
