import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { likeLiteral } from '../lib/like-pattern.ts';
import { assertProgramAccess } from '../lib/program-access.ts';
import { personSelect, toPerson } from './report-person.ts';
import type { ReportListItem, reportListQuery } from './report-views.schemas.ts';

/**
 * Every report of a program for staff who work on it (program-access.ts), newest first, filtered on the server. Ids are UUIDv7, so
 * "id below the cursor" walks the (programId, id) index however deep the page: keyset, not offset.
 */
export async function listProgramReports(options: {
  prisma: PrismaClient;
  user: SessionUser;
  programId: string;
  query: z.output<typeof reportListQuery>;
}): Promise<{ items: ReportListItem[]; nextCursor: string | null }> {
  const { prisma, user, programId, query } = options;
  const program = await prisma.program.findUnique({ where: { id: programId }, select: { id: true } });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  await assertProgramAccess(prisma, user, programId);
  const where: Prisma.ReportWhereInput = {
    programId,
    ...(query.releaseId ? { releaseId: query.releaseId } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.component ? { component: query.component } : {}),
    ...(query.reporterId ? { reporterId: query.reporterId } : {}),
    ...(query.q
      ? {
          OR: [
            { title: { contains: likeLiteral(query.q), mode: 'insensitive' as const } },
            { steps: { contains: likeLiteral(query.q), mode: 'insensitive' as const } },
          ],
        }
      : {}),
    ...(query.cursor ? { id: { lt: query.cursor } } : {}),
  };
  const rows = await prisma.report.findMany({
    where,
    orderBy: { id: 'desc' },
    take: query.limit + 1,
    select: {
      id: true,
      title: true,
      releaseId: true,
      source: true,
      status: true,
      priority: true,
      severity: true,
      component: true,
      createdAt: true,
      reporterLogin: true,
      release: { select: { version: true } },
      reporter: { select: personSelect },
      _count: { select: { finders: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      title: row.title,
      releaseId: row.releaseId,
      releaseVersion: row.release.version,
      source: row.source,
      status: row.status,
      priority: row.priority,
      severity: row.severity,
      component: row.component,
      reporter: toPerson(row.reporter, user, row.reporterLogin),
      coFinders: row._count.finders,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
