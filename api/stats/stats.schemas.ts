import { z } from 'zod';
import { nullableRef } from '../lib/nullable-ref.ts';
import { reportSourceSchema, reportStatusSchema } from '../lib/report-schemas.ts';

// Contribution statistics and recognition: what customers found, computed on every read from the
// reports as GitHub triage left them. The portal shows the same definitions beside the figures.

/** The product's definitions (shared/notes/product.md), word for word what the SQL computes. */
export const contributionDefinitions = [
  {
    term: 'Cluster',
    text: 'A canonical report (not closed as a duplicate of another) with every report closed as its duplicate, directly or through a chain, and everyone who said "me too" on any of them. Level, actionability, release and component are the canonical report\'s.',
  },
  {
    term: 'Priority',
    text: "Engineering's priority label on the canonical GitHub issue, at or above the program's threshold; never the reporter's own severity.",
  },
  {
    term: 'Actionable',
    text: 'The canonical issue is not closed as not planned (or deleted), not closed as a duplicate of an original GitHub does not record, and carries none of the program\'s "not actionable" labels (compared ignoring case).',
  },
  {
    term: 'Finder',
    text: 'The member filed first, by its own creation time (in the portal or on GitHub; a "me too" counts from when it was said). The others are co-finders. Ties go to a report over a "me too", then to the lower id.',
  },
  {
    term: 'Customer share',
    text: 'Priority actionable clusters whose finder is a customer, over all priority actionable clusters, with its 95% Wilson score interval (z = 1.959964). No clusters: no share.',
  },
  {
    term: 'Customer-only find',
    text: 'A priority actionable cluster with no internal member at all: a bug internal testing missed.',
  },
  {
    term: 'Time to triage / fix',
    text: "From the finder's filing to the canonical issue's first priority label (triage) or its closing as completed (fix), in hours; median and 90th percentile (linear interpolation), by the finder's source.",
  },
] as const;

/**
 * Points per priority actionable cluster. A "me too" earns none: it costs one click on a bug someone
 * else found and that the suggestions show, so scoring it would let a spree of them outrank the
 * customers who find bugs (README: what customers see of each other). Co-finds are still counted and shown.
 */
export const leaderboardWeights = { finder: 3, coFinder: 0 } as const;

export const badgeIds = ['first_priority_find', 'five_priority_finds', 'customer_only_find'] as const;
export const badgeIdSchema = z.enum(badgeIds).meta({ id: 'BadgeId' });
export type BadgeId = z.output<typeof badgeIdSchema>;

export const badgeDefinitions: Record<BadgeId, { label: string; description: string }> = {
  first_priority_find: { label: 'First priority find', description: 'Finder of a priority actionable cluster' },
  five_priority_finds: { label: 'Five priority finds', description: 'Finder of five priority actionable clusters' },
  customer_only_find: {
    label: 'Customer-only find',
    description: 'Finder of a priority actionable cluster with no internal member',
  },
};

const count = z.number().int().min(0);
const hours = z.number().nullable();

export const shareIntervalSchema = z
  .object({ lower: z.number(), upper: z.number() })
  .meta({ id: 'ShareInterval', description: '95% Wilson score interval of the customer share' });

/** The headline figures of a set of clusters (a release, a program, one level, one component). */
export const contributionFiguresSchema = z
  .object({
    clusters: count.meta({ description: 'Priority actionable clusters (for a level below the threshold: actionable)' }),
    customerFound: count.meta({ description: 'Of them, clusters whose finder is a customer' }),
    internalFound: count.meta({ description: 'Of them, clusters whose finder is internal' }),
    customerOnly: count.meta({ description: 'Of them, clusters with no internal member at all' }),
    share: z.number().nullable().meta({ description: 'customerFound / clusters; null when there are no clusters' }),
    interval: nullableRef(shareIntervalSchema),
  })
  .meta({ id: 'ContributionFigures' });

const durationSchema = z
  .object({
    clusters: count.meta({ description: 'Clusters with a time (triaged, or fixed)' }),
    medianHours: hours,
    p90Hours: hours,
  })
  .meta({ id: 'DurationFigures' });

const durationsBySourceSchema = z
  .object({ customer: durationSchema, internal: durationSchema })
  .meta({ id: 'DurationsBySource', description: "By the finder's source" });

export const statsSettingsSchema = z
  .object({
    priorityLevels: z.array(z.string()).meta({ description: 'Highest first' }),
    priorityThreshold: z.string(),
    priorityLevelsCounted: z.array(z.string()).meta({ description: 'The levels at or above the threshold' }),
    notActionableLabels: z.array(z.string()),
  })
  .meta({ id: 'StatsSettings', description: "The program's rules the figures were computed with" });

const levelFiguresSchema = contributionFiguresSchema
  .extend({
    level: z.string(),
    countsAsPriority: z.boolean().meta({ description: 'Whether the level is at or above the threshold' }),
  })
  .meta({ id: 'LevelFigures' });

const componentFiguresSchema = contributionFiguresSchema
  .extend({ component: z.string().nullable().meta({ description: 'null: no component given' }) })
  .meta({ id: 'ComponentFigures' });

const statsShape = {
  programId: z.uuid(),
  programName: z.string(),
  settings: statsSettingsSchema,
  reports: count.meta({ description: 'Reports filed (every status)' }),
  clusters: count.meta({ description: 'Every cluster, whatever its level and actionability' }),
  priority: contributionFiguresSchema.meta({ description: 'Priority actionable clusters' }),
  byLevel: z.array(levelFiguresSchema).meta({ description: 'Every level of the program, highest first' }),
  byComponent: z
    .array(componentFiguresSchema)
    .meta({ description: 'Components with priority actionable clusters, most clusters first' }),
  timeToTriage: durationsBySourceSchema,
  timeToFix: durationsBySourceSchema,
  computedAt: z.iso.datetime(),
};

export const releaseStatsSchema = z
  .object({ ...statsShape, releaseId: z.uuid(), releaseVersion: z.string() })
  .meta({ id: 'ReleaseStats' });

export const trendEntrySchema = contributionFiguresSchema
  .extend({
    releaseId: z.uuid(),
    releaseVersion: z.string(),
    testStart: z.iso.datetime(),
    status: z.enum(['planned', 'testing', 'shipped']),
  })
  .meta({ id: 'TrendEntry' });

export const priorityMappingChangeSchema = z
  .object({
    at: z.iso.datetime(),
    actorName: z.string().meta({ description: 'Who changed it, as named then; "Fieldtest" for Fieldtest itself' }),
  })
  .meta({
    id: 'PriorityMappingChange',
    description: 'The latest change of the priority levels, label mapping, threshold or not-actionable labels',
  });

export const programStatsSchema = z
  .object({
    ...statsShape,
    trend: z.array(trendEntrySchema).meta({ description: 'One per release, by test start' }),
    priorityMappingChange: nullableRef(priorityMappingChangeSchema).meta({
      description:
        'When the rules behind the figures last changed, from the audit trail; null: none since the program was created',
    }),
  })
  .meta({ id: 'ProgramStats' });

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const clusterListQuery = z.strictObject({
  releaseId: z.uuid().optional(),
  scope: z.enum(['priority', 'all']).default('priority').meta({
    description:
      'priority: priority actionable clusters (with `level`: the actionable clusters of that level, even below the threshold); all: every cluster',
  }),
  level: z.string().max(30).optional(),
  component: z.string().max(80).optional(),
  withoutComponent: booleanQuery.optional().meta({ description: 'Only clusters without a component' }),
  finderSource: reportSourceSchema.optional(),
  customerOnly: booleanQuery.optional(),
  format: z.enum(['json', 'csv']).default('json').meta({ description: 'csv: every matching cluster, as a download' }),
  cursor: z.uuid().optional().meta({ description: 'nextCursor of the previous page (json)' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const clusterPersonSchema = z
  .object({
    label: z.string().meta({ description: "An MVP's handle, a GitHub login, or a staff member's name" }),
    source: reportSourceSchema,
  })
  .meta({ id: 'ClusterPerson' });

export const clusterMemberSchema = z
  .object({
    kind: z.enum(['canonical', 'duplicate', 'me_too']),
    reportId: z.uuid().meta({ description: 'The report (for a "me too": the report it was said on)' }),
    title: z.string(),
    status: reportStatusSchema,
    person: clusterPersonSchema,
    createdAt: z.iso.datetime(),
    finder: z.boolean(),
  })
  .meta({ id: 'ClusterMember' });

export const clusterSchema = z
  .object({
    canonicalId: z.uuid(),
    title: z.string(),
    releaseId: z.uuid(),
    releaseVersion: z.string(),
    level: z.string().nullable(),
    countsAsPriority: z.boolean(),
    actionable: z.boolean(),
    component: z.string().nullable(),
    status: reportStatusSchema,
    finderSource: reportSourceSchema,
    finder: z.string().meta({ description: 'Handle, GitHub login or staff name; never an MVP name or e-mail' }),
    foundAt: z.iso.datetime(),
    members: count,
    customerMembers: count,
    internalMembers: count,
    customerOnly: z.boolean(),
    triagedAt: z.iso.datetime().nullable(),
    fixedAt: z.iso.datetime().nullable(),
    issueUrl: z.string().nullable(),
    memberReports: z.array(clusterMemberSchema).meta({ description: 'Finder first, then by creation time' }),
  })
  .meta({ id: 'Cluster' });

export const clusterListSchema = z
  .object({ items: z.array(clusterSchema), nextCursor: z.uuid().nullable() })
  .meta({ id: 'ClusterList', description: 'Newest canonical report first' });

const badgeSchema = z
  .object({ id: badgeIdSchema, label: z.string(), description: z.string() })
  .meta({ id: 'BadgeDefinition' });

const weightsSchema = z
  .object({
    finder: z.number().int().meta({ description: 'Points per priority actionable cluster found first' }),
    coFinder: z.number().int().meta({
      description: 'Points per priority actionable cluster found as co-finder: 0, so a me-too spree ranks nobody',
    }),
  })
  .meta({ id: 'LeaderboardWeights' });

const standingShape = {
  score: count,
  finds: count.meta({ description: 'Priority actionable clusters found first' }),
  coFinds: count.meta({ description: 'Priority actionable clusters found as co-finder' }),
  customerOnlyFinds: count.meta({ description: 'Of the finds, clusters with no internal member' }),
  badges: z.array(badgeIdSchema),
};

export const leaderboardEntrySchema = z
  .object({
    rank: z.number().int().min(1).meta({ description: 'Equal scores share a rank' }),
    handle: z.string().nullable().meta({ description: 'null for an MVP who keeps their handle off the board' }),
    displayName: z.string().meta({ description: 'The handle, or "anonymous MVP"' }),
    you: z.boolean(),
    ...standingShape,
  })
  .meta({ id: 'LeaderboardEntry' });

export const leaderboardSchema = z
  .object({
    programId: z.uuid(),
    releaseId: z.uuid().nullable(),
    weights: weightsSchema,
    badges: z.array(badgeSchema),
    entries: z
      .array(leaderboardEntrySchema)
      .meta({ description: 'Customers with a score (at least one find), best first' }),
  })
  .meta({ id: 'Leaderboard' });

const standingSchema = z
  .object({
    rank: z.number().int().min(1).nullable().meta({ description: 'null while the score is 0' }),
    ranked: count.meta({ description: 'Customers on this board' }),
    ...standingShape,
  })
  .meta({ id: 'Standing' });

export const myRecognitionSchema = z
  .object({
    handle: z.string(),
    showOnLeaderboard: z.boolean(),
    weights: weightsSchema,
    badges: z.array(badgeSchema),
    programs: z.array(
      z.object({
        programId: z.uuid(),
        programName: z.string(),
        overall: standingSchema,
        releases: z.array(z.object({ releaseId: z.uuid(), releaseVersion: z.string(), standing: standingSchema })),
      }),
    ),
  })
  .meta({ id: 'MyRecognition' });

export const leaderboardVisibilityBody = z
  .strictObject({
    showOnLeaderboard: z.boolean({ error: 'Say whether your handle shows' }).meta({
      description: 'false: others see "anonymous MVP" in your place; you still see your own rank',
    }),
  })
  .meta({ id: 'LeaderboardVisibilityBody' });

export const leaderboardVisibilitySchema = z
  .object({ showOnLeaderboard: z.boolean() })
  .meta({ id: 'LeaderboardVisibility' });

export type ContributionFigures = z.output<typeof contributionFiguresSchema>;
export type StatsSettings = z.output<typeof statsSettingsSchema>;
export type ReleaseStats = z.output<typeof releaseStatsSchema>;
export type ProgramStats = z.output<typeof programStatsSchema>;
export type ClusterListQuery = z.output<typeof clusterListQuery>;
export type Cluster = z.output<typeof clusterSchema>;
export type ClusterMember = z.output<typeof clusterMemberSchema>;
export type ClusterList = z.output<typeof clusterListSchema>;
export type Leaderboard = z.output<typeof leaderboardSchema>;
export type LeaderboardEntry = z.output<typeof leaderboardEntrySchema>;
export type MyRecognition = z.output<typeof myRecognitionSchema>;
export type Standing = z.output<typeof standingSchema>;
