import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { lockProgram } from '../lib/row-locks.ts';
import { assertReleaseVersionFree } from './assert-release-version-free.ts';
import { readRelease } from './release-view.ts';
import type { createReleaseBody, Release } from './releases.schemas.ts';

/** Adds a planned release to a program. */
export async function createRelease(
  options: { prisma: PrismaClient; programId: string } & z.output<typeof createReleaseBody>,
): Promise<Release> {
  const { prisma, programId, testStart, testEnd, ...fields } = options;
  return prisma.$transaction(async (tx) => {
    await lockProgram(tx, programId);
    await assertReleaseVersionFree(tx, { programId, version: fields.version });
    const { id } = await tx.release.create({
      data: { ...fields, programId, testStart: new Date(testStart), testEnd: new Date(testEnd) },
      select: { id: true },
    });
    return (await readRelease(tx, id, 'staff'))!;
  });
}
