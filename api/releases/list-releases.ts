import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { assertProgramVisible, visibleReleaseIds } from '../lib/release-access.ts';
import { releaseSummarySelect, toReleaseSummary } from './release-view.ts';
import type { ReleaseSummary } from './releases.schemas.ts';

/** A program's releases, latest test window first; an MVP sees only the releases they are enrolled in. */
export async function listReleases(options: {
  prisma: PrismaClient;
  user: SessionUser;
  programId: string;
}): Promise<ReleaseSummary[]> {
  const { prisma, user, programId } = options;
  await assertProgramVisible(prisma, user, programId);
  const visible = await visibleReleaseIds(prisma, user);
  const rows = await prisma.release.findMany({
    where: { programId, ...(visible === null ? {} : { id: { in: visible } }) },
    orderBy: [{ testStart: 'desc' }, { id: 'desc' }],
    select: releaseSummarySelect,
  });
  return rows.map(toReleaseSummary);
}
