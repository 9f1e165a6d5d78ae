import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import type { MvpProfile } from './mvp.schemas.ts';
import { readMvpProfile } from './mvp-profile-view.ts';

/** Changes the MVP's name (their account's), company, public handle, platforms and devices. */
export async function updateMvpProfile(options: {
  prisma: PrismaClient;
  userId: string;
  name: string;
  company: string;
  handle: string;
  platforms: string[];
  devices: string[];
}): Promise<MvpProfile> {
  const { prisma, userId, name, ...profile } = options;
  return prisma.$transaction(async (tx) => {
    // Handle changes wait for each other, so the check below holds until commit. Compared with
    // `lower() =`: as ILIKE (Prisma's case-insensitive `equals`), `_` and `%` would match other
    // people's handles, and 409s would spell out hidden ones a character at a time.
    await tx.$executeRaw`select pg_advisory_xact_lock(5820193746)`;
    const [clash] = await tx.$queryRaw<unknown[]>`
      select 1 from "MvpProfile"
      where lower(handle) = lower(${profile.handle}) and "userId" <> ${userId}::uuid
      limit 1`;
    if (clash) throw new AppError('conflict', { fields: [{ field: 'handle', message: 'This handle is taken' }] });
    await tx.user.update({ where: { id: userId }, data: { name }, select: { id: true } });
    await tx.mvpProfile.upsert({
      where: { userId },
      create: { userId, ...profile },
      update: profile,
      select: { userId: true },
    });
    return readMvpProfile(tx, userId);
  });
}
