import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { lockProgram } from '../lib/row-locks.ts';
import { assertReleaseVersionFree } from './assert-release-version-free.ts';
import { readRelease } from './release-view.ts';
import type { createReleaseBody, Release } from './releases.schemas.ts';

/** Adds a planned release to a program. */
export async function createRelease(
  options: { prisma: PrismaClient; actor: Pick<SessionUser, 'id' | 'name'>; programId: string } & z.output<
    typeof createReleaseBody
  >,
): Promise<Release> {
  const { prisma, actor, programId, testStart, testEnd, ...fields } = options;
  return prisma.$transaction(async (tx) => {
    await lockProgram(tx, programId);
    await assertReleaseVersionFree(tx, { programId, version: fields.version });
    const { id } = await tx.release.create({
      data: { ...fields, programId, testStart: new Date(testStart), testEnd: new Date(testEnd) },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: 'release.created',
      programId,
      subjectType: 'release',
      subjectId: id,
      after: { ...fields, testStart: new Date(testStart).toISOString(), testEnd: new Date(testEnd).toISOString() },
    });
    return (await readRelease(tx, id, 'staff'))!;
  });
}
