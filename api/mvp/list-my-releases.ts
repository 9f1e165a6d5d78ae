import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import type { PendingTerms } from '../lib/pending-terms.ts';
import { releaseWindowSelect } from '../lib/release-window.ts';
import { readTermsStanding } from '../lib/terms-standing.ts';
import type { MyRelease } from './mvp.schemas.ts';

/**
 * The MVP's home: releases they take part in (or did, until it shipped), leaving out programs whose
 * current terms they have yet to accept; those come as pendingTerms, for the portal to ask first.
 */
export async function listMyReleases(options: {
  prisma: PrismaClient;
  user: SessionUser;
}): Promise<{ pendingTerms: PendingTerms[]; releases: MyRelease[] }> {
  const { prisma, user } = options;
  const { pending, acceptedProgramIds } = await readTermsStanding(prisma, user);
  const rows = await prisma.enrolment.findMany({
    where: {
      userId: user.id,
      status: { in: ['active', 'completed'] },
      release: { programId: { in: acceptedProgramIds } },
    },
    orderBy: [{ release: { testStart: 'desc' } }, { releaseId: 'desc' }],
    select: {
      status: true,
      release: {
        select: {
          ...releaseWindowSelect,
          instructions: true,
          program: { select: { name: true, product: true } },
        },
      },
    },
  });
  return {
    pendingTerms: pending,
    releases: rows.map(({ status, release: { program, ...release } }) => ({
      ...release,
      programName: program.name,
      product: program.product,
      testStart: release.testStart.toISOString(),
      testEnd: release.testEnd.toISOString(),
      enrolmentStatus: status as MyRelease['enrolmentStatus'],
    })),
  };
}
