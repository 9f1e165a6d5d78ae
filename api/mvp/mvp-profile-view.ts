import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { MvpProfile } from './mvp.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** The profile with the account's e-mail and name (the profile must exist, see ensureMvpProfile). */
export async function readMvpProfile(db: Db, userId: string): Promise<MvpProfile> {
  const { company, handle, platforms, devices, user } = await db.mvpProfile.findUniqueOrThrow({
    where: { userId },
    select: {
      company: true,
      handle: true,
      platforms: true,
      devices: true,
      user: { select: { email: true, name: true } },
    },
  });
  return { ...user, company, handle, platforms, devices };
}
