import { z } from 'zod';
import { attachmentIdsSchema } from '../lib/attachment-schemas.ts';
import { nullableRef } from '../lib/nullable-ref.ts';
import {
  reportEnvironmentSchema,
  reportStatusSchema,
  reportSuggestionSchema,
  severitySchema,
} from '../lib/report-schemas.ts';

// Bug reports: filing, suggestions of similar reports while typing, "me too", the form's draft and
// the reporter's own list. The portal's report form validates with these same schemas. A report's
// own shape and enums, and the attachment rules, are shared with every feature that reads reports
// (lib/report-schemas.ts, lib/attachment-schemas.ts); the portal's report pages read them from here.

export { maxAttachments } from '../lib/attachment-schemas.ts';
export {
  type Report,
  type ReportSource,
  type ReportStatus,
  type ReportSuggestion,
  reportSourceSchema,
  reportStatuses,
  type Severity,
  severities,
} from '../lib/report-schemas.ts';

/**
 * Reports one person may file, as a token bucket: `burst` at once, then `perHour` more an hour.
 * Every report becomes a GitHub issue, and GitHub allows the program's credential 500 creations
 * an hour; one reporter's spree must not spend them. Staff get more room: internal testing files
 * in batches, and staff accounts answer to the program.
 */
export const filingLimits = {
  mvp: { burst: 30, perHour: 60 },
  staff: { burst: 60, perHour: 120 },
} as const;
/** The draft is the form as typed, kept loosely; this bounds what one person can park on the server. */
export const maxDraftBytes = 100_000;

/** Markdown, stored exactly as written (so not trimmed), but not blank. */
function markdownText(max: number, emptyMessage: string) {
  return z
    .string()
    .max(max, { error: `Use at most ${max.toLocaleString('en')} characters` })
    .refine((value) => value.trim().length > 0, { error: emptyMessage })
    .meta({ description: 'Markdown' });
}

export const reportTitleSchema = z
  .string()
  .trim()
  .min(1, { error: 'Give the bug a title: one line that names what goes wrong', abort: true })
  .min(3, { error: 'Use at least 3 characters' })
  .max(200, { error: 'Use at most 200 characters' });

export const fileReportBody = z
  .strictObject({
    releaseId: z.uuid({ error: 'Choose a release' }),
    title: reportTitleSchema,
    steps: markdownText(20_000, 'Describe the steps that lead to the bug'),
    expected: markdownText(10_000, 'Describe what you expected'),
    actual: markdownText(10_000, 'Describe what happened instead'),
    severity: severitySchema,
    component: z
      .string()
      .trim()
      .max(200, { error: 'Use at most 200 characters' })
      .nullable()
      .default(null)
      .meta({ description: "One of the program's components when it has any (then required); else null" }),
    environment: reportEnvironmentSchema.default({}),
    attachmentIds: attachmentIdsSchema,
    clientKey: z
      .string()
      .min(8, { error: 'Use at least 8 characters' })
      .max(100, { error: 'Use at most 100 characters' })
      .meta({
        description:
          'Chosen by the client once per report (e.g. a random UUID) and sent again on a retry: ' +
          'the same key returns the report already filed, with 200 instead of 201',
      }),
  })
  .meta({ id: 'FileReportBody' });

export const similarReportsBody = z
  .strictObject({
    title: z.string().max(200, { error: 'Use at most 200 characters' }),
    steps: z.string().max(20_000, { error: 'Use at most 20,000 characters' }).optional(),
  })
  .meta({ id: 'SimilarReportsBody', description: 'What the reporter has typed so far' });

export const similarReportListSchema = z
  .object({ items: z.array(reportSuggestionSchema).meta({ description: 'At most 5, closest first' }) })
  .meta({ id: 'SimilarReports' });

export const meTooBody = z
  .strictObject({
    note: z
      .string()
      .max(5_000, { error: 'Use at most 5,000 characters' })
      .default('')
      .meta({ description: 'Markdown, as written: anything that differs for you' }),
    environment: reportEnvironmentSchema.default({}),
    attachmentIds: attachmentIdsSchema.meta({
      description: 'Your own files for your entry (screenshots, logs): you and staff see them, the reporter does not',
    }),
  })
  .meta({ id: 'MeTooBody' });

/**
 * The form nests a few levels. Thousands, which fit in a body, would overflow the stack of
 * JSON.stringify below and are more than jsonb can store, so the nesting is measured first.
 */
export const maxDraftNesting = 20;

/** Whether arrays and objects nest deeper than `limit` in a parsed JSON value, found without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const item of Object.values(current)) pending.push([item, depth + 1]);
  }
  return false;
}

export const reportDraftDataSchema = z
  .record(z.string(), z.unknown())
  .superRefine((data, ctx) => {
    if (nestedDeeperThan(data, maxDraftNesting))
      ctx.addIssue({ code: 'custom', message: `A draft nests at most ${maxDraftNesting} levels deep` });
    else if (new TextEncoder().encode(JSON.stringify(data)).length > maxDraftBytes)
      ctx.addIssue({ code: 'custom', message: `A draft holds at most ${maxDraftBytes / 1000} kB` });
  })
  .meta({ description: "The form's fields as typed, not checked until filing" });

export const saveReportDraftBody = z
  .strictObject({
    releaseId: z.uuid({ error: 'Not a release id' }).nullable().default(null),
    data: reportDraftDataSchema,
  })
  .meta({ id: 'SaveReportDraftBody' });

export const reportDraftSchema = z
  .object({ releaseId: z.uuid().nullable(), data: z.record(z.string(), z.unknown()), updatedAt: z.iso.datetime() })
  .meta({ id: 'ReportDraft' });

export const reportDraftStateSchema = z
  .object({ draft: nullableRef(reportDraftSchema).meta({ description: 'null when there is none' }) })
  .meta({ id: 'ReportDraftState' });

export const myReportSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    releaseId: z.uuid(),
    releaseVersion: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    status: reportStatusSchema,
    priority: z.string().nullable(),
    createdAt: z.iso.datetime(),
    role: z
      .enum(['reporter', 'co-finder'])
      .meta({ description: 'reporter: the caller filed it; co-finder: they said me too' }),
  })
  .meta({ id: 'MyReport' });

export const myReportsQuery = z.strictObject({
  cursor: z.uuid({ error: 'Not a cursor' }).optional().meta({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const myReportsPageSchema = z
  .object({ items: z.array(myReportSchema).meta({ description: 'Newest first' }), nextCursor: z.uuid().nullable() })
  .meta({ id: 'MyReportsPage' });

export type FileReportBody = z.input<typeof fileReportBody>;
export type SimilarReportsBody = z.input<typeof similarReportsBody>;
export type MeTooBody = z.input<typeof meTooBody>;
export type SaveReportDraftBody = z.input<typeof saveReportDraftBody>;
export type ReportDraft = z.output<typeof reportDraftSchema>;
export type MyReport = z.output<typeof myReportSchema>;
export type MyReportsPage = z.output<typeof myReportsPageSchema>;
