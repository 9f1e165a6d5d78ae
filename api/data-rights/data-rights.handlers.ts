import type { AppRouteHandler } from '../lib/app-context.ts';
import { assertMvpAccountAccess } from '../lib/program-access.ts';
import { clearSessionCookie } from '../lib/session.ts';
import type {
  eraseMvpAccountRoute,
  eraseMyAccountRoute,
  exportMvpDataRoute,
  exportMyDataRoute,
} from './data-rights.routes.ts';
import { eraseAccount } from './erase-account.ts';
import { eraseMyAccount } from './erase-my-account.ts';
import { readAccountData } from './read-account-data.ts';
import { archiveFileName, dataArchiveStream } from './write-data-archive.ts';

function archiveResponse(account: Awaited<ReturnType<typeof readAccountData>>, dir: string): Response {
  return new Response(dataArchiveStream({ dir, account }), {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${archiveFileName()}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export const exportMyDataHandler: AppRouteHandler<typeof exportMyDataRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const account = await readAccountData({ prisma, userId: c.var.user.id });
  c.var.logger.info({ userId: c.var.user.id, files: account.files.length }, 'data exported');
  return archiveResponse(account, env.attachmentsDir);
};

export const eraseMyAccountHandler: AppRouteHandler<typeof eraseMyAccountRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const erased = await eraseMyAccount({
    prisma,
    dir: env.attachmentsDir,
    userId: c.var.user.id,
    password: c.req.valid('json').password,
    ip: c.var.clientIp,
  });
  clearSessionCookie(c);
  c.var.logger.info({ userId: erased.id, by: 'self' }, 'account erased');
  return c.json(erased, 200);
};

export const exportMvpDataHandler: AppRouteHandler<typeof exportMvpDataRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertMvpAccountAccess(prisma, c.var.user, id);
  const account = await readAccountData({ prisma, userId: id, mvpOnly: true });
  c.var.logger.info({ userId: id, by: c.var.user.id, files: account.files.length }, 'data exported for an MVP');
  return archiveResponse(account, env.attachmentsDir);
};

export const eraseMvpAccountHandler: AppRouteHandler<typeof eraseMvpAccountRoute> = async (c) => {
  const { prisma, env } = c.var.deps;
  const { id } = c.req.valid('param');
  await assertMvpAccountAccess(prisma, c.var.user, id);
  const erased = await eraseAccount({ prisma, dir: env.attachmentsDir, userId: id, actor: c.var.user });
  c.var.logger.info({ userId: id, by: c.var.user.id }, 'account erased at its owner\u2019s request');
  return c.json(erased, 200);
};
