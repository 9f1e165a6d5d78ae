import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { ProgramStats } from './stats.schemas.ts';

/**
 * The latest audit entry that changed the rules behind the program's figures: a settings change
 * touching the levels, the label mapping, the threshold or the not-actionable labels, the settings
 * that decide which clusters count as priority actionable. The program's creation sets them and is
 * no change.
 */
export async function readPriorityMappingChange(
  db: PrismaClient | Prisma.TransactionClient,
  programId: string,
): Promise<ProgramStats['priorityMappingChange']> {
  const [row] = await db.$queryRaw<{ at: Date; actorName: string }[]>`
    select "at", "actorName" from "AuditEntry"
    where "programId" = ${programId}::uuid
      and "action" = 'program.settings_changed'
      and ("after" -> 'priorityLevels' is not null or "after" -> 'priorityLabels' is not null
        or "after" -> 'priorityThreshold' is not null or "after" -> 'notActionableLabels' is not null)
    order by "at" desc, "id" desc
    limit 1`;
  return row ? { at: row.at.toISOString(), actorName: row.actorName } : null;
}
