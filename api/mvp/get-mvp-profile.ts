import type { PrismaClient } from '../generated/prisma/client.ts';
import { ensureMvpProfile } from './ensure-mvp-profile.ts';
import type { MvpProfile } from './mvp.schemas.ts';
import { readMvpProfile } from './mvp-profile-view.ts';

/** The MVP's profile. Accepting an invitation makes it; an account made some other way gets one here. */
export async function getMvpProfile(options: { prisma: PrismaClient; userId: string }): Promise<MvpProfile> {
  const { prisma, userId } = options;
  const latest = await prisma.enrolment.findFirst({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    select: { company: true },
  });
  await ensureMvpProfile(prisma, { userId, company: latest?.company ?? '' });
  return readMvpProfile(prisma, userId);
}
