import { z } from 'zod';
import { maxAttachments } from '../lib/attachment-schemas.ts';
import { nullableRef } from '../lib/nullable-ref.ts';
import { reportSourceSchema, reportStatusSchema, severitySchema } from '../lib/report-schemas.ts';

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
  z.object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    removed: z
      .boolean()
      .optional()
      .meta({ description: "true: removed after the program's retention period (or at its uploader's request)" }),
  }),
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
  needsInfo: z
    .object({
      askedAt: z.iso.datetime().nullable(),
      question: z
        .object({
          author: z.string().meta({ description: '"Engineering" for customers; the GitHub login for staff' }),
          body: z.string(),
          at: z.iso.datetime(),
        })
        .nullable()
        .meta({ description: "Engineering's newest comment on the report: what was asked" }),
      answeredAt: z.iso
        .datetime()
        .nullable()
        .meta({ description: "The reader's newest answer since the question (staff: anyone's)" }),
    })
    .nullable()
    .meta({ description: 'Set while engineering waits for more information (status needs_info)' }),
  waitingForGithub: z.string().nullable().meta({
    description:
      "Set while the report cannot reach GitHub because the program's repository is not connected: why (staff), or that it waits (customers)",
  }),
  duplicateOf: z
    .object({
      id: z.uuid().nullable().meta({ description: 'Staff only: the canonical report, to open it' }),
      title: z.string(),
      status: reportStatusSchema,
      priority: z.string().nullable(),
      fixed: z.boolean(),
      fixedAt: z.iso.datetime().nullable(),
    })
    .nullable()
    .meta({
      description:
        "The report this one duplicates (followed to the end of a chain): its public summary, whose status this report's follows",
    }),
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

export const addCommentBody = z
  .strictObject({
    body: z.string().trim().max(20_000).default(''),
    attachmentIds: z
      .array(z.uuid({ error: 'Not a file id' }))
      .max(maxAttachments, { error: `At most ${maxAttachments} files` })
      .default([])
      .meta({
        description:
          'Files uploaded with POST /api/attachments: added to the report (or to your "me too" entry) and linked from the GitHub comment',
      }),
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
  .superRefine((value, context) => {
    if (!value.body && value.attachmentIds.length === 0)
      context.addIssue({ code: 'custom', path: ['body'], message: 'Write something or add a file' });
    if (value.visibility === 'team' && value.attachmentIds.length > 0)
      context.addIssue({
        code: 'custom',
        path: ['attachmentIds'],
        message: 'Files go with public comments: a file on the report is read by its reporter',
      });
  })
  .meta({ id: 'AddCommentBody' });

export const commentSchema = z
  .object({
    id: z.uuid(),
    visibility: z.enum(['public', 'team']),
    body: z.string(),
    coFinderEntryId: z.uuid().nullable(),
    purpose: z.enum(['comment', 'answer', 'still_broken', 'rescue']).meta({
      description: 'answer: written while engineering waited for more information from this thread',
    }),
    attachments: attachmentListSchema,
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

export type ReportDetail = z.output<typeof reportDetailSchema>;
export type CoFinderView = z.output<typeof coFinderViewSchema>;
export type ReportPage = z.output<typeof reportPageSchema>;
export type TimelineEntry = z.output<typeof timelineSchema>[number];
export type ReportPerson = z.output<typeof personSchema>;
export type ReportListItem = z.output<typeof reportListItemSchema>;
