import { Prisma } from '../generated/prisma/client.ts';

/**
 * When engineering acted on a rescued cluster (`rescue` is the alias of a "RescueRequest" row): the
 * first timeline event of its canonical report, at or after it was sent back, that gave it a priority
 * level (any level), reopened it with one, or closed it as completed; null while there is none. Read
 * from the timeline, so a level the closed issue already carried when it was sent back does not count,
 * and a later change does not undo it. The one place this rule lives (rescueDefinitions say it in words).
 */
export function prioritisedAtSql(rescue: string): Prisma.Sql {
  const q = Prisma.raw(`"${rescue}"`);
  return Prisma.sql`(
    select min(e."createdAt") from "ReportEvent" e
    where e."reportId" = ${q}."reportId" and e."createdAt" >= ${q}."requestedAt"
      and (e.kind = 'triaged'
        or (e.kind = 'priority_changed' and e.data->>'to' is not null)
        or (e.kind = 'status_changed' and (e.data->>'to' in ('triaged', 'fixed') or e.data->>'priorityTo' is not null)))
  )`;
}
