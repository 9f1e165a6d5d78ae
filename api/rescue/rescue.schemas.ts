import { z } from 'zod';
import { reportStatusSchema } from '../lib/report-schemas.ts';

// Rescue: a cluster engineering closed as not planned (or left without a priority) that customers
// keep reproducing goes on a list for program leads, who may send it back to engineering once.
// The portal's Rescue page and the dashboard's figure read these same schemas.

/** What the Rescue list and the dashboard's figure count, word for word what the SQL computes. */
export const rescueDefinitions = [
  {
    term: 'Rescue candidate',
    text: "A cluster whose canonical issue is closed as not planned, or open without any priority level (synced, or waiting for information), that customers reproduced at least the program's threshold of times (distinct customers, default 3) within its window (default 14 days), and that was not sent back before.",
  },
  {
    term: 'Reproduction',
    text: 'A customer\'s "me too" on any report of the cluster, a customer\'s report closed as a duplicate into it, or a customer\'s "still broken" answer to a fix, each counted from when it was made. The report that started the cluster is not a reproduction: its reporter counts only when they reproduce it again (a "still broken" answer, or a new report).',
  },
  {
    term: 'Rescued',
    text: "Clusters a program lead sent back to engineering: one comment on the issue with the evidence, and the program's rescue label.",
  },
  {
    term: 'Prioritised after rescue',
    text: 'Of the rescued clusters, those whose canonical issue engineering then gave a priority level (any level), reopened with one, or closed as completed, at or after the time it was sent back, even if that changed again later.',
  },
] as const;

export const rescueKinds = ['me_too', 'duplicate', 'still_broken'] as const;
export const rescueKindSchema = z.enum(rescueKinds).meta({
  id: 'RescueReproductionKind',
  description: 'me_too: said "me too"; duplicate: filed a report closed as a duplicate; still_broken: answered a fix',
});

const count = z.number().int().min(0);

export const rescueEnvironmentSchema = z
  .object({
    os: z.string().nullable(),
    browser: z.string().nullable(),
    build: z.string().nullable(),
    count: count.meta({ description: 'Reproductions in this environment' }),
  })
  .meta({ id: 'RescueEnvironment', description: 'null: not given' });

export const rescueReproductionSchema = z
  .object({
    kind: rescueKindSchema,
    reportId: z.uuid().meta({ description: 'The report of the cluster it was made on (its own, for a duplicate)' }),
    customer: z.string().meta({ description: "The customer's handle (never their name or e-mail)" }),
    at: z.iso.datetime(),
    note: z.string().meta({
      description: 'Their words: the "me too" note, the duplicate\'s title, or the "still broken" note (staff only)',
    }),
    os: z.string().nullable(),
    browser: z.string().nullable(),
    build: z.string().nullable(),
  })
  .meta({ id: 'RescueReproduction' });

export const rescueEvidenceSchema = z
  .object({
    customers: count.meta({ description: 'Distinct customers who reproduced it within the window' }),
    reproductions: count.meta({ description: 'Their reproductions within the window' }),
    newestAt: z.iso.datetime().meta({ description: 'The newest reproduction' }),
    windowDays: z.number().int().min(1),
    environments: z.array(rescueEnvironmentSchema).meta({ description: 'Most reproductions first' }),
    items: z.array(rescueReproductionSchema).meta({ description: 'Newest first' }),
  })
  .meta({ id: 'RescueEvidence' });

const clusterShape = {
  canonicalId: z.uuid(),
  title: z.string(),
  releaseId: z.uuid(),
  releaseVersion: z.string(),
  status: reportStatusSchema.meta({ description: "The canonical report's status now" }),
  priority: z.string().nullable().meta({ description: "The canonical issue's priority level now" }),
  issueUrl: z.string().nullable(),
};

export const rescueCandidateSchema = z
  .object({ ...clusterShape, evidence: rescueEvidenceSchema })
  .meta({ id: 'RescueCandidate' });

export const rescueRequestSchema = z
  .object({
    ...clusterShape,
    id: z.uuid(),
    requestedAt: z.iso.datetime(),
    requestedBy: z.string().nullable().meta({ description: 'The program lead who sent it back (null: account gone)' }),
    statusBefore: reportStatusSchema.meta({ description: "The canonical report's status when it was sent back" }),
    evidence: rescueEvidenceSchema.meta({ description: 'As it stood when sent' }),
    commentPosted: z.boolean().meta({ description: 'Whether the summary comment is on the GitHub issue yet' }),
    prioritisedAt: z.iso.datetime().nullable().meta({
      description:
        'When engineering first gave it a priority level, reopened it with one, or closed it as completed after it was sent back; null: not yet',
    }),
  })
  .meta({ id: 'RescueRequest' });

export const rescueListSchema = z
  .object({
    programId: z.uuid(),
    programName: z.string(),
    threshold: z.number().int().meta({ description: 'Distinct customers a cluster needs' }),
    windowDays: z.number().int().meta({ description: 'Within this many days before now' }),
    candidates: z.array(rescueCandidateSchema).meta({ description: 'Most customers first' }),
    rescued: z.array(rescueRequestSchema).meta({ description: 'Clusters sent back before, newest first' }),
    computedAt: z.iso.datetime(),
  })
  .meta({ id: 'RescueList' });

const rescueFiguresShape = {
  rescued: count.meta({ description: 'Clusters sent back to engineering' }),
  prioritised: count.meta({ description: 'Of them, prioritised (or fixed) by engineering afterwards' }),
};

export const rescueStatsSchema = z
  .object({
    programId: z.uuid(),
    ...rescueFiguresShape,
    byRelease: z
      .array(z.object({ releaseId: z.uuid(), releaseVersion: z.string(), ...rescueFiguresShape }))
      .meta({ description: "By the canonical report's release; releases without rescues are left out" }),
    computedAt: z.iso.datetime(),
  })
  .meta({ id: 'RescueStats' });

export type RescueEvidence = z.output<typeof rescueEvidenceSchema>;
export type RescueReproduction = z.output<typeof rescueReproductionSchema>;
export type RescueCandidate = z.output<typeof rescueCandidateSchema>;
export type RescueRequestView = z.output<typeof rescueRequestSchema>;
export type RescueList = z.output<typeof rescueListSchema>;
export type RescueStats = z.output<typeof rescueStatsSchema>;
