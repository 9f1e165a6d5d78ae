import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { visibleProgramIds } from '../lib/release-access.ts';
import type { ProgramSummary } from './programs.schemas.ts';

/**
 * Every program for admins, and those they are members of for other staff; for an MVP, those they
 * take part in, each saying whether its current terms are accepted.
 */
export async function listPrograms(options: { prisma: PrismaClient; user: SessionUser }): Promise<ProgramSummary[]> {
  const { prisma, user } = options;
  const visible = await visibleProgramIds(prisma, user);
  const rows = await prisma.program.findMany({
    where: visible === null ? {} : { id: { in: visible } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      product: true,
      githubRepo: true,
      createdAt: true,
      terms: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true } },
      syncState: { select: { repoProblem: true } },
    },
  });
  if (user.role !== 'mvp') {
    return rows.map(({ terms, syncState, ...row }) => ({
      ...row,
      githubProblem: syncState?.repoProblem ?? null,
      termsVersion: terms[0]?.version ?? 0,
      createdAt: row.createdAt.toISOString(),
    }));
  }
  const accepted = await prisma.termsAcceptance.findMany({
    where: { userId: user.id, termsId: { in: rows.flatMap((row) => row.terms.map((terms) => terms.id)) } },
    select: { termsId: true },
  });
  const acceptedIds = new Set(accepted.map((acceptance) => acceptance.termsId));
  return rows.map(({ terms, githubRepo: _, syncState: __, ...row }) => ({
    ...row,
    termsVersion: terms[0]?.version ?? 0,
    termsAccepted: terms[0] ? acceptedIds.has(terms[0].id) : true,
    createdAt: row.createdAt.toISOString(),
  }));
}
