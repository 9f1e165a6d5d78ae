import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { countPlacesTaken } from '../lib/cohort-places.ts';
import { validationError } from '../lib/problem.ts';
import { changedFields, recordAudit } from '../lib/record-audit.ts';
import { type ReleaseStatus, releaseStatuses } from '../lib/release-status.ts';
import { lockProgram, lockRelease } from '../lib/row-locks.ts';
import { expireVerifications } from '../verification/expire-verifications.ts';
import { assertReleaseVersionFree } from './assert-release-version-free.ts';
import { readRelease } from './release-view.ts';
import { type Release, testWindowSchema, type updateReleaseBody } from './releases.schemas.ts';

/**
 * Edits a release and moves its status forward. Shipping ends the cycle in the same transaction:
 * active MVPs complete, pending invitations and applications end, the join link closes, and
 * requests to check fixes still waiting for an answer expire.
 */
export async function updateRelease(options: {
  prisma: PrismaClient;
  actor: Pick<SessionUser, 'id' | 'name'>;
  id: string;
  changes: z.output<typeof updateReleaseBody>;
}): Promise<Release> {
  const { prisma, id } = options;
  const { status, testStart, testEnd, ...fields } = options.changes;
  return prisma.$transaction(async (tx) => {
    // Locked, so that an edit cannot slip in beside the shipping of the same release.
    await lockRelease(tx, id);
    const current = await tx.release.findUniqueOrThrow({
      where: { id },
      select: {
        programId: true,
        status: true,
        version: true,
        build: true,
        testStart: true,
        testEnd: true,
        focusAreas: true,
        instructions: true,
        cohortCapacity: true,
      },
    });
    if (current.status === 'shipped') {
      throw new AppError('conflict', {
        detail: 'This release has shipped; it cannot change any more.',
        ...(status === undefined ? {} : { fields: [{ field: 'status', message: 'The release has shipped' }] }),
      });
    }
    if (status !== undefined && rank(status) < rank(current.status)) {
      throw new AppError('conflict', {
        fields: [{ field: 'status', message: `A release only moves forward; this one is ${current.status}` }],
      });
    }
    if (testStart !== undefined || testEnd !== undefined) {
      const window = testWindowSchema.safeParse({
        testStart: testStart ?? current.testStart.toISOString(),
        testEnd: testEnd ?? current.testEnd.toISOString(),
      });
      if (!window.success) throw validationError(window.error, 'body');
    }
    if (fields.version !== undefined) {
      await lockProgram(tx, current.programId);
      await assertReleaseVersionFree(tx, { programId: current.programId, version: fields.version, exceptId: id });
    }
    if (fields.cohortCapacity !== undefined && fields.cohortCapacity !== null) {
      const taken = await countPlacesTaken(tx, id);
      if (taken > fields.cohortCapacity) {
        throw new AppError('conflict', {
          fields: [{ field: 'cohortCapacity', message: `The cohort already has ${taken} invited or active MVPs` }],
        });
      }
    }

    const shipping = status === 'shipped';
    const now = new Date();
    await tx.release.update({
      where: { id },
      data: {
        ...fields,
        ...(testStart === undefined ? {} : { testStart: new Date(testStart) }),
        ...(testEnd === undefined ? {} : { testEnd: new Date(testEnd) }),
        ...(status === undefined ? {} : { status }),
        ...(shipping ? { shippedAt: now, joinEnabled: false } : {}),
      },
      select: { id: true },
    });
    if (shipping) {
      await tx.enrolment.updateMany({
        where: { releaseId: id, status: 'active' },
        data: { status: 'completed', endedAt: now },
      });
      // Invitations never accepted and applications never decided end with the cycle, so a
      // shipped cohort lists only people who tested it, and nobody waits on a closed release.
      await tx.enrolment.updateMany({
        where: { releaseId: id, status: 'invited' },
        data: { status: 'removed', endedAt: now },
      });
      await tx.enrolment.updateMany({
        where: { releaseId: id, status: 'applied' },
        data: { status: 'declined', decidedAt: now },
      });
      await tx.invitation.updateMany({
        where: { enrolment: { releaseId: id }, usedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      await expireVerifications(tx, { releaseId: id });
    }
    const { programId, ...stored } = current;
    const changed = changedFields<Record<string, unknown>>(
      { ...stored, testStart: stored.testStart.toISOString(), testEnd: stored.testEnd.toISOString() },
      {
        ...options.changes,
        // The same instant written with another offset is no change.
        ...(testStart === undefined ? {} : { testStart: new Date(testStart).toISOString() }),
        ...(testEnd === undefined ? {} : { testEnd: new Date(testEnd).toISOString() }),
      },
    );
    if (changed) {
      await recordAudit(tx, {
        actor: options.actor,
        action: shipping ? 'release.shipped' : 'release.changed',
        programId,
        subjectType: 'release',
        subjectId: id,
        before: changed.before as Prisma.InputJsonObject,
        after: changed.after as Prisma.InputJsonObject,
      });
    }
    return (await readRelease(tx, id, 'staff'))!;
  });
}

function rank(status: ReleaseStatus): number {
  return releaseStatuses.indexOf(status);
}
