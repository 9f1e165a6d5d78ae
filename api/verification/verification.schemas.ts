import { z } from 'zod';
import { attachmentIdsSchema, attachmentSummarySchema } from '../lib/attachment-schemas.ts';
import { nullableRef } from '../lib/nullable-ref.ts';
import { reportEnvironmentSchema, reportStatusSchema } from '../lib/report-schemas.ts';

// Fix verification: when engineering closes a bug as completed, everyone who found it is asked
// whether the fix works for them on the build that carries it. The portal's panel validates with
// these same schemas, and the lead's dashboard shows the definitions below beside the figures.

export const verificationStatuses = ['pending', 'fixed', 'still_broken', 'expired'] as const;
export const verificationRoles = ['reporter', 'co-finder', 'duplicate'] as const;

export const answerVerificationBody = z
  .strictObject({
    result: z.enum(['fixed', 'still_broken'], { error: 'Choose "Fixed for me" or "Still broken"' }).meta({
      description:
        'fixed: the fix works for you; still_broken: the bug is still there on the build you were asked about',
    }),
    environment: reportEnvironmentSchema.default({}),
    note: z
      .string()
      .max(5_000, { error: 'Use at most 5,000 characters' })
      .default('')
      .meta({ description: 'Markdown, as written: what you tried, what still happens' }),
    attachmentIds: attachmentIdsSchema.meta({
      description:
        'Files you uploaded (POST /api/attachments) and have not attached elsewhere: you and staff read them; ' +
        'a still-broken answer links them from its GitHub comment',
    }),
  })
  .meta({ id: 'AnswerVerificationBody' });

export const fixedInBody = z
  .strictObject({
    build: z
      .string()
      .trim()
      .min(1, { error: 'Name the build' })
      .max(200, { error: 'Use at most 200 characters' })
      .nullable()
      .meta({ description: "The build that carries the fix; null goes back to the release's build" }),
  })
  .meta({ id: 'FixedInBody' });

const count = z.number().int().min(0);

export const verificationSchema = z
  .object({
    id: z.uuid(),
    round: z.number().int().meta({ description: 'Which fix of the report this asks about: 1 for the first close' }),
    role: z.enum(verificationRoles).meta({
      description: 'How you found the bug: its reporter, a co-finder ("me too"), or the finder of a duplicate',
    }),
    build: z.string().meta({ description: 'The build to check the fix on' }),
    status: z.enum(verificationStatuses).meta({
      description:
        'pending: waiting for your answer; fixed / still_broken: your answer; expired: the release shipped or ' +
        'the issue was reopened before you answered',
    }),
    requestedAt: z.iso.datetime(),
    answeredAt: z.iso.datetime().nullable(),
    environment: z.record(z.string(), z.string()),
    note: z.string().nullable(),
    attachments: z.array(attachmentSummarySchema),
  })
  .meta({ id: 'Verification' });

export const verificationStateSchema = z
  .object({
    verification: nullableRef(verificationSchema).meta({
      description: 'Your newest request to check a fix of this report (or of the report it duplicates); null: none',
    }),
    canAnswer: z.boolean().meta({ description: 'The request waits for your answer and can still be answered' }),
    team: z
      .object({
        reportStatus: reportStatusSchema,
        fixedInBuild: z.string().nullable().meta({ description: 'Set by a "fixed in" label or by staff' }),
        releaseBuild: z.string(),
        canSetFixedIn: z.boolean().meta({ description: 'Admins and engineers may name the build' }),
        round: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'The newest round of requests; null: nobody asked yet' }),
        requests: count,
        pending: count,
        fixed: count,
        stillBroken: count,
        expired: count,
      })
      .nullable()
      .meta({ description: "Staff only: the report's fix build and how its newest round of requests stands" }),
  })
  .meta({ id: 'VerificationState' });

export const fixedInSchema = z
  .object({
    fixedInBuild: z.string().nullable(),
    build: z.string().meta({ description: 'The build requests name: fixedInBuild, else the release build' }),
    updatedRequests: count.meta({ description: 'Pending requests now asking about this build' }),
  })
  .meta({ id: 'FixedIn' });

/** The dashboard's definitions, word for word what read-verification-stats.ts computes. */
export const verificationDefinitions = [
  {
    term: 'Verification request',
    text: "When an issue is closed as completed, its reporter, its co-finders and the finders of its duplicates are each asked once per fix (a report reopened and fixed again starts a new round) whether the fix works for them on the build named by a \"fixed in\" label or by staff, else the release's build. Release and source are the fixed report's release and the asked person's source.",
  },
  {
    term: 'Verification rate',
    text: 'Requests answered ("fixed for me" or "still broken") over all requests made, pending and expired ones included. Requests expire when the release ships or the issue is reopened. No requests: no rate.',
  },
  {
    term: 'Time to verify',
    text: 'From the request to its answer, in hours, over answered requests; the median (linear interpolation between the two middle answers).',
  },
  {
    term: 'Fixes that failed verification',
    text: 'Distinct fixed reports with at least one "still broken" answer. Regressions caught by customers: those with a "still broken" answer from a customer.',
  },
] as const;

export const verificationFiguresSchema = z
  .object({
    requests: count.meta({ description: 'Requests made' }),
    answered: count.meta({ description: 'Answered: fixed for me or still broken' }),
    pending: count,
    expired: count,
    rate: z.number().nullable().meta({ description: 'answered / requests; null when there are no requests' }),
    medianHoursToVerify: z.number().nullable().meta({ description: 'Median hours from request to answer' }),
    fixedForMe: count,
    stillBroken: count,
  })
  .meta({ id: 'VerificationFigures' });

const verificationGroupShape = {
  all: verificationFiguresSchema,
  customer: verificationFiguresSchema.meta({ description: 'Requests to customers' }),
  internal: verificationFiguresSchema.meta({ description: 'Requests to internal testers and other staff' }),
  fixes: count.meta({ description: 'Distinct fixed reports anyone was asked about' }),
  failedFixes: count.meta({ description: 'Of them, reports with at least one "still broken" answer' }),
  caughtByCustomers: count.meta({ description: 'Of them, reports with a "still broken" answer from a customer' }),
};

export const verificationStatsSchema = z
  .object({
    programId: z.uuid(),
    programName: z.string(),
    total: z.object(verificationGroupShape).meta({ description: 'Every release of the program' }),
    releases: z
      .array(
        z.object({
          releaseId: z.uuid(),
          releaseVersion: z.string(),
          status: z.enum(['planned', 'testing', 'shipped']),
          ...verificationGroupShape,
        }),
      )
      .meta({ description: 'Every release, in test order' }),
    definitions: z.array(z.object({ term: z.string(), text: z.string() })),
    computedAt: z.iso.datetime(),
  })
  .meta({ id: 'VerificationStats' });

export type AnswerVerificationBody = z.input<typeof answerVerificationBody>;
export type VerificationState = z.output<typeof verificationStateSchema>;
export type VerificationFigures = z.output<typeof verificationFiguresSchema>;
export type VerificationStats = z.output<typeof verificationStatsSchema>;
export type VerificationGroup = VerificationStats['total'];
