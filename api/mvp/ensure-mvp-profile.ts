import { randomInt } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A public handle such as `mvp-7f3k2a`: what engineering sees until the MVP chooses one. */
export function generateHandle(): string {
  return `mvp-${Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
}

/**
 * Gives the MVP a profile with a generated handle unless they have one. The insert skips on any
 * conflict (a profile made in parallel, or a handle just taken) and is tried again, so it never fails.
 */
export async function ensureMvpProfile(db: Db, options: { userId: string; company: string }): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const existing = await db.mvpProfile.findUnique({ where: { userId: options.userId }, select: { userId: true } });
    if (existing) return;
    await db.mvpProfile.createMany({
      data: [
        { userId: options.userId, company: options.company, handle: generateHandle(), platforms: [], devices: [] },
      ],
      skipDuplicates: true,
    });
  }
  throw new Error('Could not find a free MVP handle');
}
