import type { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { assertReportProgramAccess } from '../lib/program-access.ts';
import type { fixedInBody } from './verification.schemas.ts';

/**
 * Names the build that carries a report's fix (null: the release's build), for the next request
 * to check it; when the report is fixed and requests wait for answers, they ask about this build
 * from now on. A later "fixed in" label on the issue names it again.
 */
export async function setFixedInBuild(
  options: { prisma: PrismaClient; user: SessionUser; reportId: string } & z.output<typeof fixedInBody>,
) {
  const { prisma, user, reportId } = options;
  await assertReportProgramAccess(prisma, user, reportId);
  return prisma.$transaction(async (tx) => {
    // Locked like the inbound sync locks it, so a close arriving now asks about one build or the other.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      select id from "Report" where id = ${reportId}::uuid for no key update`;
    if (!locked.length) throw new AppError('not_found', { detail: 'No such report.' });
    const report = await tx.report.findUniqueOrThrow({
      where: { id: reportId },
      select: { status: true, fixedInBuild: true, release: { select: { build: true } } },
    });
    await tx.report.update({ where: { id: reportId }, data: { fixedInBuild: options.build }, select: { id: true } });
    const build = options.build ?? report.release.build;
    const updated =
      report.status === 'fixed'
        ? await tx.verification.updateMany({ where: { reportId, status: 'pending' }, data: { build } })
        : { count: 0 };
    if (report.fixedInBuild !== options.build) {
      await tx.reportEvent.create({
        data: {
          reportId,
          kind: 'fixed_in_changed',
          actorId: user.id,
          data: { from: report.fixedInBuild, to: options.build },
        },
        select: { id: true },
      });
    }
    return { fixedInBuild: options.build, build, updatedRequests: updated.count };
  });
}
