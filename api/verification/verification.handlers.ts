import type { AppRouteHandler } from '../lib/app-context.ts';
import { assertProgramAccess } from '../lib/program-access.ts';
import { answerVerification } from './answer-verification.ts';
import { readVerification } from './read-verification.ts';
import { readVerificationStats } from './read-verification-stats.ts';
import { setFixedInBuild } from './set-fixed-in-build.ts';
import type {
  answerVerificationRoute,
  readVerificationRoute,
  readVerificationStatsRoute,
  setFixedInRoute,
} from './verification.routes.ts';

export const readVerificationHandler: AppRouteHandler<typeof readVerificationRoute> = async (c) =>
  c.json(
    await readVerification({ prisma: c.var.deps.prisma, user: c.var.user, reportId: c.req.valid('param').id }),
    200,
  );

export const answerVerificationHandler: AppRouteHandler<typeof answerVerificationRoute> = async (c) => {
  const state = await answerVerification({
    prisma: c.var.deps.prisma,
    user: c.var.user,
    reportId: c.req.valid('param').id,
    ...c.req.valid('json'),
  });
  // A comment to post, a label to add or an issue to reopen waits in the sync's queue.
  c.var.deps.sync.wake();
  c.var.logger.info(
    { reportId: c.req.valid('param').id, verificationId: state.verification?.id, result: state.verification?.status },
    'verification answered',
  );
  return c.json(state, 200);
};

export const setFixedInHandler: AppRouteHandler<typeof setFixedInRoute> = async (c) =>
  c.json(
    await setFixedInBuild({
      prisma: c.var.deps.prisma,
      user: c.var.user,
      reportId: c.req.valid('param').id,
      ...c.req.valid('json'),
    }),
    200,
  );

export const readVerificationStatsHandler: AppRouteHandler<typeof readVerificationStatsRoute> = async (c) => {
  const programId = c.req.valid('param').id;
  await assertProgramAccess(c.var.deps.prisma, c.var.user, programId);
  return c.json(await readVerificationStats({ prisma: c.var.deps.prisma, programId }), 200);
};
