import type { AppRouteHandler } from '../lib/app-context.ts';
import type { getNoticePreferencesRoute, updateNoticePreferencesRoute } from './notices.routes.ts';
import { readNoticePreferences } from './read-notice-preferences.ts';
import { updateNoticePreferences } from './update-notice-preferences.ts';

export const getNoticePreferencesHandler: AppRouteHandler<typeof getNoticePreferencesRoute> = async (c) =>
  c.json(await readNoticePreferences(c.var.deps.prisma, c.var.user.id), 200);

export const updateNoticePreferencesHandler: AppRouteHandler<typeof updateNoticePreferencesRoute> = async (c) => {
  const { preferences } = c.req.valid('json');
  const updated = await updateNoticePreferences({ prisma: c.var.deps.prisma, userId: c.var.user.id, preferences });
  c.var.logger.info({ userId: c.var.user.id, preferences }, 'notice preferences changed');
  return c.json(updated, 200);
};
