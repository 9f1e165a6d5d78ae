import { z } from 'zod';
import { nullableRef } from '../lib/nullable-ref.ts';
import { reportSourceSchema, reportStatusSchema, severitySchema } from '../reports/reports.schemas.ts';

// What people read about reports: the report page with its timeline, comments, and the staff list.

const personSchema = z
  .object({
    /** Staff see names; customers see each other only by public handle. */
    displayName: z.string(),
    handle: z.string().nullable(),
    role: z.enum(['admin', 'engineer', 'internal_tester', 'mvp']).nullable(),
  })
  .meta({ id: 'ReportPerson' });

const attachmentListSchema = z.array(
  z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int() }),
);

const timelineSchema = z.array(
  z
    .object({
      id: z.uuid(),
      kind: z.string().meta({ description: 'filed, me_too, comment, note (team), status_changed, triaged …' }),
      at: z.iso.datetime(),
      actor: nullableRef(personSchema).meta({
        description: 'null when nobody in particular acted (GitHub events) or the reader may not know who',
      }),
      text: z.string().nullable().meta({ description: 'Comment body (Markdown) for comments and notes' }),
      coFinderEntryId: z
        .uuid()
        .nullable()
        .meta({ description: "The co-finder entry whose thread holds this comment; null for the report's own" }),
      data: z
        .record(z.string(), z.unknown())
        .meta({ description: 'What the event says; customers get only what a customer may know (README)' }),
    })
    .meta({ id: 'TimelineEntry' }),
);

/** What anyone taking part may know of a report: the public summary, shared by both views. */
const summaryShape = {
  id: z.uuid(),
  programId: z.uuid(),
  programName: z.string(),
  releaseId: z.uuid(),
  releaseVersion: z.string(),
  title: z.string(),
  status: reportStatusSchema,
  priority: z.string().nullable(),
  createdAt: z.iso.datetime(),
  meTooCount: z.number().int().meta({ description: 'People who said they found it too' }),
};

/** One "me too": the co-finder's own words, machine and files. */
const entryShape = {
  id: z.uuid().meta({ description: 'The entry, to answer it (coFinderEntryId of a comment)' }),
  note: z.string(),
  environment: z.record(z.string(), z.string()),
  attachments: attachmentListSchema,
  createdAt: z.iso.datetime(),
};

export const reportDetailSchema = z
  .object({
    view: z.literal('full').meta({ description: 'Staff, and the reporter of their own report' }),
    ...summaryShape,
    steps: z.string(),
    expected: z.string(),
    actual: z.string(),
    severity: nullableRef(severitySchema),
    component: z.string().nullable(),
    environment: z.record(z.string(), z.string()),
    source: reportSourceSchema,
    issue: z
      .object({ repo: z.string(), number: z.number().int(), url: z.string() })
      .nullable()
      .meta({ description: "The report's GitHub issue once synced; shown to staff only" }),
    reporter: personSchema,
    /** The caller's relation to the report; null for staff reading someone else's. */
    yourRole: z.enum(['reporter']).nullable(),
    attachments: attachmentListSchema.meta({ description: "The report's own files, not the co-finders'" }),
    coFinders: z
      .array(z.object({ ...entryShape, person: personSchema }))
      .meta({ description: 'Staff only: each co-finder entry; customers get meTooCount' }),
    timeline: timelineSchema,
  })
  .meta({ id: 'ReportDetail' });

/** What a co-finder reads: the bug as everyone may know it, and their own "me too" entry. */
export const coFinderViewSchema = z
  .object({
    view: z.literal('co-finder'),
    ...summaryShape,
    yourRole: z.literal('co-finder'),
    yourEntry: z.object(entryShape).meta({ description: 'Your "me too": your note, environment and files' }),
    timeline: timelineSchema,
  })
  .meta({ id: 'CoFinderReportView' });

export const reportPageSchema = z
  .discriminatedUnion('view', [reportDetailSchema, coFinderViewSchema])
  .meta({ id: 'ReportPage', description: 'full: staff and the reporter; co-finder: a summary and your own entry' });

export const reportIdParams = z.object({ id: z.uuid({ error: 'Not a report id' }) });

export const addCommentBody = z
  .strictObject({
    body: z.string().trim().min(1, { error: 'Write something' }).max(20_000),
    visibility: z.enum(['public', 'team']).default('public').meta({
      description: 'public: the reporter sees it; team: staff only (MVPs cannot write team notes)',
    }),
    coFinderEntryId: z
      .uuid({ error: 'Not a co-finder entry' })
      .nullable()
      .default(null)
      .meta({
        description:
          "Staff: answer this co-finder's entry (only they and staff read it); null for the report's own thread. " +
          "A co-finder's comments always go to their own entry",
      }),
  })
  .meta({ id: 'AddCommentBody' });

export const commentSchema = z
  .object({
    id: z.uuid(),
    visibility: z.enum(['public', 'team']),
    body: z.string(),
    coFinderEntryId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ReportComment' });

export const reportListQuery = z.strictObject({
  releaseId: z.uuid().optional(),
  source: reportSourceSchema.optional(),
  status: reportStatusSchema.optional(),
  priority: z.string().max(50).optional(),
  component: z.string().max(80).optional(),
  reporterId: z.uuid().optional(),
  q: z.string().trim().max(200).optional().meta({ description: 'Words in the title or steps' }),
  cursor: z.uuid().optional().meta({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const reportListItemSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    releaseId: z.uuid(),
    releaseVersion: z.string(),
    source: reportSourceSchema,
    status: reportStatusSchema,
    priority: z.string().nullable(),
    severity: nullableRef(severitySchema),
    component: z.string().nullable(),
    reporter: personSchema,
    coFinders: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ReportListItem' });

export const reportListSchema = z
  .object({ items: z.array(reportListItemSchema), nextCursor: z.uuid().nullable() })
  .meta({ id: 'ReportList' });

export const programIdParams = z.object({ id: z.uuid({ error: 'Not a program id' }) });

export type ReportDetail = z.output<typeof reportDetailSchema>;
export type CoFinderView = z.output<typeof coFinderViewSchema>;
export type ReportPage = z.output<typeof reportPageSchema>;
export type TimelineEntry = z.output<typeof timelineSchema>[number];
export type ReportPerson = z.output<typeof personSchema>;
export type ReportListItem = z.output<typeof reportListItemSchema>;
