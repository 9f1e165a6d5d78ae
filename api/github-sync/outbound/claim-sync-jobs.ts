import type { PrismaClient, SyncJobKind } from '../../generated/prisma/client.ts';

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
  const leaseUntil = new Date(now.getTime() + options.leaseMs);
  // Turns are counted in a statement level of their own: a window function cannot sit beside a
  // row lock. The due condition is checked again on the locked row, which another process may
  // have claimed since it was counted. Only jobs within the first `limit` turns can be among the
  // first `limit` picked, so only those are looked up and locked (the claim reads the due queue
  // once, however long it is).
  const claimed = await prisma.$queryRaw<(ClaimedSyncJob & { turn: number })[]>`
    with due as (
      select j.id, j."runAfter",
             row_number() over (
               partition by coalesce(c."authorId", r."reporterId", j."reportId") order by j."runAfter", j.id
             ) as turn
        from "SyncJob" j
        join "Report" r on r.id = j."reportId"
        left join "ReportComment" c on c.id = j."commentId"
       where (j.status = 'pending' and j."runAfter" <= ${now}::timestamp(3))
          or (j.status = 'running' and j."leaseUntil" < ${now}::timestamp(3))
    ), picked as (
      select s.id, due.turn
        from "SyncJob" s join due on due.id = s.id and due.turn <= ${limit}
       where (s.status = 'pending' and s."runAfter" <= ${now}::timestamp(3))
          or (s.status = 'running' and s."leaseUntil" < ${now}::timestamp(3))
       order by due.turn, due."runAfter", s.id
       limit ${limit}
         for update of s skip locked
    )
    update "SyncJob" j set status = 'running', "leaseOwner" = ${owner}, "leaseUntil" = ${leaseUntil}::timestamp(3),
      "updatedAt" = ${now}::timestamp(3)
      from picked
     where j.id = picked.id
    returning j.id::text as id, j.kind::text as kind, j."programId"::text as "programId",
      j."reportId"::text as "reportId", j."commentId"::text as "commentId", j.payload, j.attempts, j."firstSentAt",
      j."createdAt", j."runAfter", j."leaseUntil", picked.turn::int as turn`;
  return claimed
    .sort((a, b) => a.turn - b.turn || a.runAfter.getTime() - b.runAfter.getTime() || a.id.localeCompare(b.id))
    .map(({ turn: _turn, ...job }) => job);
}
