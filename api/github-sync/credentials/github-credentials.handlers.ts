import type { AppRouteHandler } from '../../lib/app-context.ts';
import { assertProgramAccess } from '../../lib/program-access.ts';
import { checkRepositoryNow } from '../repository-check/schedule-repository-check.ts';
import { clearGithubCredential } from './clear-github-credential.ts';
import type {
  clearGithubCredentialRoute,
  readGithubCredentialRoute,
  setGithubCredentialRoute,
} from './github-credentials.routes.ts';
import { readGithubCredential } from './read-github-credential.ts';
import { setGithubCredential } from './set-github-credential.ts';

export const readGithubCredentialHandler: AppRouteHandler<typeof readGithubCredentialRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const programId = c.req.valid('param').id;
  await assertProgramAccess(prisma, c.var.user, programId);
  return c.json(await readGithubCredential({ prisma, env, programId }), 200);
};

export const setGithubCredentialHandler: AppRouteHandler<typeof setGithubCredentialRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const programId = c.req.valid('param').id;
  await assertProgramAccess(prisma, c.var.user, programId, 'lead');
  const credential = c.req.valid('json');
  await setGithubCredential({ prisma, env, actor: c.var.user, programId, credential });
  c.var.logger.info({ programId, by: c.var.user.id, kind: credential.kind }, 'program GitHub credential set');
  await checkRepositoryNow(c.var.deps, c.var.logger, programId);
  c.var.deps.sync.wake();
  return c.json(await readGithubCredential({ prisma, env, programId }), 200);
};

export const clearGithubCredentialHandler: AppRouteHandler<typeof clearGithubCredentialRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const programId = c.req.valid('param').id;
  await assertProgramAccess(prisma, c.var.user, programId, 'lead');
  await clearGithubCredential({ prisma, actor: c.var.user, programId });
  c.var.logger.info({ programId, by: c.var.user.id }, 'program GitHub credential cleared');
  await checkRepositoryNow(c.var.deps, c.var.logger, programId);
  return c.json(await readGithubCredential({ prisma, env, programId }), 200);
};
