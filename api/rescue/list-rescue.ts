import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError } from '../lib/app-error.ts';
import { findRescueCandidates } from './find-rescue-candidates.ts';
import {
  type RescueEvidence,
  type RescueList,
  type RescueRequestView,
  rescueEvidenceSchema,
} from './rescue.schemas.ts';
import { prioritisedAtSql } from './rescue-sql.ts';

type RescuedRow = {
  id: string;
  canonical_id: string;
  title: string;
  release_id: string;
  release_version: string;
  status: RescueRequestView['status'];
  priority: string | null;
  issue_url: string | null;
  requested_at: Date;
  requested_by: string | null;
  status_before: RescueRequestView['statusBefore'];
  evidence: unknown;
  comment_posted: boolean;
  prioritised_at: Date | null;
};

/**
 * A program's Rescue list: the clusters customers keep reproducing that engineering closed as not
 * planned or left without a priority, with their evidence, and the clusters sent back before with
 * what engineering did since. Two statements, whatever the number of clusters.
 */
export async function listRescue(options: { prisma: PrismaClient; programId: string }): Promise<RescueList> {
  const { prisma, programId } = options;
  const program = await prisma.program.findUnique({
    where: { id: programId },
    select: { name: true, rescueThreshold: true, rescueWindowDays: true },
  });
  if (!program) throw new AppError('not_found', { detail: 'No such program.' });
  const now = new Date();
  const [, candidates, rescued] = await prisma.$transaction(async (tx) => [
    // The recursive walk's estimates would make PostgreSQL JIT-compile a plan that runs in milliseconds.
    await tx.$executeRaw`set local jit = off`,
    await findRescueCandidates(tx, { programId, now }),
    await tx.$queryRaw<RescuedRow[]>`
      select q.id::text, q."reportId"::text as canonical_id, r.title, r."releaseId"::text as release_id,
             rel.version as release_version, r.status::text as status, r.priority, r."issueUrl" as issue_url,
             q."requestedAt" as requested_at, u.name as requested_by, q."statusBefore"::text as status_before,
             q.evidence, (c."githubCommentId" is not null) as comment_posted,
             ${prioritisedAtSql('q')} as prioritised_at
      from "RescueRequest" q
      join "Report" r on r.id = q."reportId"
      join "Release" rel on rel.id = r."releaseId"
      left join "User" u on u.id = q."requestedById"
      left join "ReportComment" c on c.id = q."commentId"
      where r."programId" = ${programId}::uuid
      order by q."requestedAt" desc, q.id desc`,
  ]);
  return {
    programId,
    programName: program.name,
    threshold: program.rescueThreshold,
    windowDays: program.rescueWindowDays,
    candidates,
    rescued: rescued.map((row) => ({
      id: row.id,
      canonicalId: row.canonical_id,
      title: row.title,
      releaseId: row.release_id,
      releaseVersion: row.release_version,
      status: row.status,
      priority: row.priority,
      issueUrl: row.issue_url,
      requestedAt: row.requested_at.toISOString(),
      requestedBy: row.requested_by,
      statusBefore: row.status_before,
      evidence: storedEvidence(row.evidence),
      commentPosted: row.comment_posted,
      prioritisedAt: row.prioritised_at?.toISOString() ?? null,
    })),
    computedAt: now.toISOString(),
  };
}

/** Evidence as it was stored when sent (written only from the same schema); an unreadable one reads as empty. */
function storedEvidence(value: unknown): RescueEvidence {
  const parsed = rescueEvidenceSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return {
    customers: 0,
    reproductions: 0,
    newestAt: new Date(0).toISOString(),
    windowDays: 1,
    environments: [],
    items: [],
  };
}
