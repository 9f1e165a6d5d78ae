import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertReleaseVisible } from '../lib/release-access.ts';
import { readRelease } from './release-view.ts';
import type { Release } from './releases.schemas.ts';

export async function getRelease(options: { prisma: PrismaClient; user: SessionUser; id: string }): Promise<Release> {
  const { prisma, user, id } = options;
  await assertReleaseVisible(prisma, user, id);
  const release = await readRelease(prisma, id, user.role === 'mvp' ? 'mvp' : 'staff');
  if (!release) throw new AppError('not_found', { detail: 'No such release.' });
  return release;
}
