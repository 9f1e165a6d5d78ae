import { z } from 'zod';
import { releaseStatusSchema } from '../lib/release-status.ts';

// Releases: a program's pre-release cycles, each with its test window and its cohort of MVPs. Their
// status is read beyond this feature (lib/release-status.ts); the portal's release pages read its
// type from here.

export type { ReleaseStatus } from '../lib/release-status.ts';

const versionSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter the version' })
  .max(50, { error: 'Use at most 50 characters' });
const buildSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter the build' })
  .max(100, { error: 'Use at most 100 characters' });
const instantSchema = z.iso.datetime({ offset: true, error: 'Enter a date and time (ISO 8601)' });
const focusAreasSchema = z
  .array(z.string().trim().min(1, { error: 'Enter a focus area' }).max(200, { error: 'Use at most 200 characters' }))
  .max(30, { error: 'Use at most 30 focus areas' });
const instructionsSchema = z
  .string()
  .max(20_000, { error: 'Use at most 20,000 characters' })
  .meta({ description: 'Markdown: what to test and how' });
const cohortCapacitySchema = z
  .number({ error: 'Enter a whole number, or nothing for no limit' })
  .int({ error: 'Enter a whole number' })
  .positive({ error: 'Enter at least 1, or nothing for no limit' })
  .max(100_000)
  .nullable()
  .meta({ description: 'Most MVPs the cohort takes (invited and active count); null for no limit' });

/** The test window must end after it starts (either end may be missing from an edit). */
function endsAfterStart(window: { testStart?: string; testEnd?: string }): boolean {
  const start = Date.parse(window.testStart ?? '');
  const end = Date.parse(window.testEnd ?? '');
  // A missing or malformed date is reported by its own field's check.
  return Number.isNaN(start) || Number.isNaN(end) || end > start;
}
const windowError = { error: 'The test window must end after it starts', path: ['testEnd'] };

/** An edited window, merged with what is stored, is checked against this. */
export const testWindowSchema = z
  .object({ testStart: instantSchema, testEnd: instantSchema })
  .refine(endsAfterStart, windowError);

export const createReleaseBody = z
  .strictObject({
    version: versionSchema.meta({ description: 'Unique within the program' }),
    build: buildSchema,
    testStart: instantSchema,
    testEnd: instantSchema,
    focusAreas: focusAreasSchema.default([]),
    instructions: instructionsSchema.default(''),
    cohortCapacity: cohortCapacitySchema.default(null),
  })
  .refine(endsAfterStart, windowError)
  .meta({ id: 'CreateReleaseBody' });

export const updateReleaseBody = z
  .strictObject({
    version: versionSchema.optional(),
    build: buildSchema.optional(),
    testStart: instantSchema.optional(),
    testEnd: instantSchema.optional(),
    focusAreas: focusAreasSchema.optional(),
    instructions: instructionsSchema.optional(),
    cohortCapacity: cohortCapacitySchema.optional(),
    status: releaseStatusSchema
      .optional()
      .meta({ description: 'Shipping completes the cohort, revokes open invitations and closes the join link' }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'Change at least one field' })
  .refine(endsAfterStart, windowError)
  .meta({ id: 'UpdateReleaseBody', description: 'Any subset of the fields; a shipped release cannot change' });

const count = z.number().int();
export const cohortCountsSchema = z
  .object({ invited: count, applied: count, active: count, declined: count, removed: count, completed: count })
  .meta({ id: 'CohortCounts', description: 'Enrolments of the release by status' });

const summaryShape = {
  id: z.uuid(),
  programId: z.uuid(),
  version: z.string(),
  build: z.string(),
  testStart: z.iso.datetime(),
  testEnd: z.iso.datetime(),
  focusAreas: z.array(z.string()),
  cohortCapacity: z.number().int().nullable(),
  status: releaseStatusSchema,
  shippedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
};

export const releaseSummarySchema = z.object(summaryShape).meta({ id: 'ReleaseSummary' });

export const releaseListSchema = z.object({ items: z.array(releaseSummarySchema) }).meta({ id: 'ReleaseList' });

export const releaseSchema = z
  .object({
    ...summaryShape,
    programName: z.string(),
    instructions: z.string(),
    updatedAt: z.iso.datetime(),
    cohort: cohortCountsSchema.optional().meta({ description: 'Staff only' }),
  })
  .meta({ id: 'Release' });

export type CreateReleaseBody = z.input<typeof createReleaseBody>;
export type UpdateReleaseBody = z.input<typeof updateReleaseBody>;
export type Release = z.output<typeof releaseSchema>;
export type ReleaseSummary = z.output<typeof releaseSummarySchema>;
export type CohortCounts = z.output<typeof cohortCountsSchema>;
