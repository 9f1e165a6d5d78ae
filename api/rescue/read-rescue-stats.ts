import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import type { RescueStats } from './rescue.schemas.ts';
import { prioritisedAtSql } from './rescue-sql.ts';

type ReleaseRow = { release_id: string; release_version: string; rescued: number; prioritised: number };

/**
 * The dashboard's rescue figure: clusters sent back to engineering, and how many engineering then
 * prioritised (prioritisedAtSql), per release of the canonical report and in all. No anchor of the
 * metric reports it; the headline share is not touched by it.
 */
export async function readRescueStats(options: { prisma: PrismaClient; programId: string }): Promise<RescueStats> {
  const { prisma, programId } = options;
  const program = await prisma.program.findUnique({ where: { id: programId }, select: { id: true } });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  const rows = await prisma.$queryRaw<ReleaseRow[]>`
    select rel.id::text as release_id, rel.version as release_version, count(*)::int as rescued,
           (count(*) filter (where ${prioritisedAtSql('q')} is not null))::int as prioritised
    from "RescueRequest" q
    join "Report" r on r.id = q."reportId"
    join "Release" rel on rel.id = r."releaseId"
    where r."programId" = ${programId}::uuid
    group by rel.id, rel.version, rel."testStart"
    order by rel."testStart", rel.id`;
  const byRelease = rows.map((row) => ({
    releaseId: row.release_id,
    releaseVersion: row.release_version,
    rescued: row.rescued,
    prioritised: row.prioritised,
  }));
  return {
    programId,
    rescued: byRelease.reduce((sum, entry) => sum + entry.rescued, 0),
    prioritised: byRelease.reduce((sum, entry) => sum + entry.prioritised, 0),
    byRelease,
    computedAt: new Date().toISOString(),
  };
}
