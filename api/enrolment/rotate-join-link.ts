import type { PrismaClient } from '../generated/prisma/client.ts';
import { newToken } from '../lib/tokens.ts';
import type { JoinLink } from './enrolment.schemas.ts';
import { readJoinLink } from './join-link-view.ts';
import { assertNotShipped, cohortReleaseSelect, lockCohortRelease } from './lock-cohort.ts';

/** Replaces the join link's token: the old link stops working at once (for a link shared too widely). */
export async function rotateJoinLink(options: {
  prisma: PrismaClient;
  publicUrl: string;
  releaseId: string;
}): Promise<JoinLink> {
  return options.prisma.$transaction(async (tx) => {
    const current = await lockCohortRelease(tx, options.releaseId);
    assertNotShipped(current);
    const release = await tx.release.update({
      where: { id: current.id },
      data: { joinToken: newToken().token },
      select: cohortReleaseSelect,
    });
    return readJoinLink(tx, { release, publicUrl: options.publicUrl });
  });
}
