import type { PrismaClient } from '../generated/prisma/client.ts';
import { newToken } from '../lib/tokens.ts';
import type { JoinLink } from './enrolment.schemas.ts';
import { readJoinLink } from './join-link-view.ts';
import { assertNotShipped, cohortReleaseSelect, lockCohortRelease } from './lock-cohort.ts';

/**
 * Opens or closes the release's public join link and sets its cap. The token is made on the first
 * opening and kept as it is (it is meant to be shared); closing and reopening keeps the same link.
 */
export async function setJoinLink(options: {
  prisma: PrismaClient;
  publicUrl: string;
  releaseId: string;
  enabled: boolean;
  cap: number | null;
}): Promise<JoinLink> {
  return options.prisma.$transaction(async (tx) => {
    const current = await lockCohortRelease(tx, options.releaseId);
    assertNotShipped(current);
    const release = await tx.release.update({
      where: { id: current.id },
      data: {
        joinEnabled: options.enabled,
        joinCap: options.cap,
        ...(options.enabled && !current.joinToken ? { joinToken: newToken().token } : {}),
      },
      select: cohortReleaseSelect,
    });
    return readJoinLink(tx, { release, publicUrl: options.publicUrl });
  });
}
