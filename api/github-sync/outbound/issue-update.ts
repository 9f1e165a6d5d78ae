import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';

/**
 * What an `update_issue` job changes on a report's issue. Each part is idempotent on GitHub (adding
 * a label it has, removing one it lacks, reopening an open issue change nothing), so a job whose
 * outcome is unknown is simply sent again: no marker is needed.
 */
export const issueUpdateSchema = z.strictObject({
  addLabels: z.array(z.string().min(1).max(50)).max(10).default([]),
  removeLabels: z.array(z.string().min(1).max(50)).max(10).default([]),
  state: z.enum(['open']).optional(),
});
export type IssueUpdate = z.input<typeof issueUpdateSchema>;

/**
 * Queues a change of the report's issue in the caller's transaction. `key` names the cause
 * ("still-broken:<verification id>"), so one cause changes the issue once however often it is
 * replayed.
 */
export async function queueIssueUpdate(
  tx: Prisma.TransactionClient,
  options: { programId: string; reportId: string; key: string; update: IssueUpdate },
): Promise<void> {
  const payload = issueUpdateSchema.parse(options.update);
  await tx.syncJob.upsert({
    where: { key: `update_issue:${options.key}` },
    create: {
      kind: 'update_issue',
      key: `update_issue:${options.key}`,
      programId: options.programId,
      reportId: options.reportId,
      payload,
    },
    update: {},
    select: { id: true },
  });
}
