import { Prisma, type PrismaClient, type SyncJobKind } from '../../generated/prisma/client.ts';
import { claimLeased } from '../../lib/leased-queue.ts';

export type ClaimedSyncJob = {
  id: string;
  kind: SyncJobKind;
  programId: string;
  reportId: string;
  commentId: string | null;
  /** What an update_issue job changes (jsonb, read as JSON by both drivers). */
  payload: unknown;
  attempts: number;
  firstSentAt: Date | null;
  createdAt: Date;
  runAfter: Date;
  leaseUntil: Date;
};

/**
 * Claims due sync jobs for `owner` until the lease ends, taking turns between the people whose work
 * they are (the reporter of a report's issue, the author of a comment): each person's oldest due job
 * first, then each one's second, and so on, oldest first within a turn. Every job spends the same
 * GitHub budget, so a reporter with three hundred reports queued waits behind their own reports and
 * nobody else's; someone filing one report later gets it out in the next claim.
 *
 * `FOR UPDATE SKIP LOCKED` lets processes claim side by side without waiting on or taking each
 * other's rows. A running job whose lease ran out belonged to a process that died or stalled; it is
 * claimed again, and since its write may have been sent, `firstSentAt` (committed before sending)
 * decides what happens next.
 */
export async function claimSyncJobs(options: {
  prisma: PrismaClient;
  owner: string;
  limit: number;
  leaseMs: number;
  now?: Date;
}): Promise<ClaimedSyncJob[]> {
  const { prisma, owner, limit } = options;
  const now = options.now ?? new Date();
  // Pending and due, or running with its lease ended; named by the table so that it reads the same
  // where turns are counted and on the locked row, which another process may have claimed since.
  const due = Prisma.sql`("SyncJob".status = 'pending' and "SyncJob"."runAfter" <= ${now}::timestamp(3))
    or ("SyncJob".status = 'running' and "SyncJob"."leaseUntil" < ${now}::timestamp(3))`;
  // Turns are counted in a statement level of their own: a window function cannot sit beside a row
  // lock. Only a person's first `limit` due jobs can be among the first `limit` picked, so only
  // those are read, through the job's own `turnKey` (the person, set when it was queued) and its
  // index: the people with due jobs, then each one's first jobs, never the whole queue joined to
  // reports and comments. Attempts are not counted here: waiting for a rate limit is no attempt
  // (process-sync-job.ts).
  const claimed = await claimLeased<ClaimedSyncJob & { turn: number }>(
    prisma,
    {
      table: 'SyncJob',
      key: 'id',
      lease: 'leaseUntil',
      leaseMs: options.leaseMs,
      due,
      order: Prisma.sql`due.turn, due."runAfter", "SyncJob".id`,
      ranked: {
        ctes: Prisma.sql`people as (
          select distinct "SyncJob"."turnKey" from "SyncJob" where ${due}
        ), due as (
          select first.id, first."runAfter",
                 row_number() over (partition by people."turnKey" order by first."runAfter", first.id) as turn
            from people
            cross join lateral (
              select "SyncJob".id, "SyncJob"."runAfter" from "SyncJob"
               where "SyncJob"."turnKey" = people."turnKey" and (${due})
               order by "SyncJob"."runAfter", "SyncJob".id
               limit ${limit}) first)`,
        join: Prisma.sql`join due on due.id = "SyncJob".id`,
        columns: Prisma.sql`due.turn`,
      },
    },
    {
      limit,
      now,
      set: Prisma.sql`status = 'running', "leaseOwner" = ${owner}, "updatedAt" = ${now}::timestamp(3)`,
      returning: Prisma.sql`id::text as id, kind::text as kind, "programId"::text as "programId",
        "reportId"::text as "reportId", "commentId"::text as "commentId", payload, attempts, "firstSentAt",
        "createdAt", "runAfter", "leaseUntil", picked.turn::int as turn`,
    },
  );
  return claimed
    .sort((a, b) => a.turn - b.turn || a.runAfter.getTime() - b.runAfter.getTime() || a.id.localeCompare(b.id))
    .map(({ turn: _turn, ...job }) => job);
}
