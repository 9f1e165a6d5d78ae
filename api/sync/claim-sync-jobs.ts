import type { PrismaClient, SyncJobKind } from '../generated/prisma/client.ts';

export type ClaimedSyncJob = {
  id: string;
  kind: SyncJobKind;
  programId: string;
  reportId: string;
  commentId: string | null;
  attempts: number;
  firstSentAt: Date | null;
  createdAt: Date;
  runAfter: Date;
  leaseUntil: Date;
};

/**
 * Claims due sync jobs for `owner` until the lease ends, oldest first. `FOR UPDATE SKIP LOCKED`
 * lets processes claim side by side without waiting on or taking each other's rows. A running job
 * whose lease ran out belonged to a process that died or stalled; it is claimed again, and since
 * its write may have been sent, `firstSentAt` (committed before sending) decides what happens next.
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
  const claimed = await prisma.$queryRaw<ClaimedSyncJob[]>`
    update "SyncJob" set status = 'running', "leaseOwner" = ${owner}, "leaseUntil" = ${leaseUntil}::timestamp(3),
      "updatedAt" = ${now}::timestamp(3)
    where id in (
      select id from "SyncJob"
      where (status = 'pending' and "runAfter" <= ${now}::timestamp(3))
         or (status = 'running' and "leaseUntil" < ${now}::timestamp(3))
      order by "runAfter", id limit ${limit} for update skip locked)
    returning id::text as id, kind::text as kind, "programId"::text as "programId", "reportId"::text as "reportId",
      "commentId"::text as "commentId", attempts, "firstSentAt", "createdAt", "runAfter", "leaseUntil"`;
  return claimed.sort((a, b) => a.runAfter.getTime() - b.runAfter.getTime() || a.id.localeCompare(b.id));
}
