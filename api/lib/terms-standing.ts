import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from './app-context.ts';
import type { PendingTerms } from './pending-terms.ts';
import { visibleProgramIds } from './release-access.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * For each program the MVP takes part in (active or completed, as lib/release-access.ts counts it):
 * whether its current terms are accepted. A program without terms needs no acceptance; a new
 * version of the terms is simply not accepted yet.
 */
export async function readTermsStanding(
  db: Db,
  user: SessionUser,
): Promise<{ pending: PendingTerms[]; acceptedProgramIds: string[] }> {
  // Staff accept no terms: the standing is an MVP's alone.
  const programIds = user.role === 'mvp' ? ((await visibleProgramIds(db, user)) ?? []) : [];
  const programs = await db.program.findMany({
    where: { id: { in: programIds } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      terms: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true, text: true } },
    },
  });
  const accepted = await db.termsAcceptance.findMany({
    where: { userId: user.id, termsId: { in: programs.flatMap((program) => program.terms.map((terms) => terms.id)) } },
    select: { termsId: true },
  });
  const acceptedTerms = new Set(accepted.map((row) => row.termsId));
  const pending: PendingTerms[] = [];
  const acceptedProgramIds: string[] = [];
  for (const program of programs) {
    const current = program.terms[0];
    if (!current || acceptedTerms.has(current.id)) acceptedProgramIds.push(program.id);
    else
      pending.push({ programId: program.id, programName: program.name, version: current.version, text: current.text });
  }
  return { pending, acceptedProgramIds };
}
