import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { staffProgramIds } from '../lib/program-access.ts';
import { visibleReleaseIds } from '../lib/release-access.ts';
import { readTermsStanding } from '../lib/terms-standing.ts';
import type { MyReportsPage } from './reports.schemas.ts';

/**
 * Reports the user filed or said "me too" to, newest first (ids are UUIDv7, so the id orders by
 * creation and makes a stable cursor). An MVP sees them while they can see the release, as
 * lib/report-access.ts rules: not after being removed, nor while the program's terms wait.
 */
export async function listMyReports(options: {
  prisma: PrismaClient;
  user: SessionUser;
  cursor?: string | undefined;
  limit: number;
}): Promise<MyReportsPage> {
  const { prisma, user, cursor, limit } = options;
  const rows = await prisma.report.findMany({
    where: {
      OR: [{ reporterId: user.id }, { finders: { some: { userId: user.id } } }],
      ...(await readableBy(prisma, user)),
      ...(cursor ? { id: { lt: cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: limit + 1,
    select: {
      id: true,
      title: true,
      releaseId: true,
      programId: true,
      status: true,
      priority: true,
      createdAt: true,
      reporterId: true,
      release: { select: { version: true } },
      program: { select: { name: true } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(({ reporterId, release, program, ...row }) => ({
      ...row,
      releaseVersion: release.version,
      programName: program.name,
      createdAt: row.createdAt.toISOString(),
      role: reporterId === user.id ? 'reporter' : 'co-finder',
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function readableBy(prisma: PrismaClient, user: SessionUser): Promise<Prisma.ReportWhereInput> {
  if (user.role !== 'mvp') {
    // Staff read what they filed in the programs they still work on (a report page elsewhere is 404).
    const programs = await staffProgramIds(prisma, user);
    return programs === null ? {} : { programId: { in: programs } };
  }
  const releases = (await visibleReleaseIds(prisma, user)) ?? [];
  const { acceptedProgramIds } = await readTermsStanding(prisma, user);
  return { releaseId: { in: releases }, programId: { in: acceptedProgramIds } };
}
