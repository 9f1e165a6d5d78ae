import { z } from 'zod';
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

export const reportDetailSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    programName: z.string(),
    releaseId: z.uuid(),
    releaseVersion: z.string(),
    title: z.string(),
    steps: z.string(),
    expected: z.string(),
    actual: z.string(),
    severity: severitySchema.nullable(),
    component: z.string().nullable(),
    environment: z.record(z.string(), z.string()),
    source: reportSourceSchema,
    status: reportStatusSchema,
    priority: z.string().nullable(),
    createdAt: z.iso.datetime(),
    issue: z
      .object({ repo: z.string(), number: z.number().int(), url: z.string() })
      .nullable()
      .meta({ description: "The report's GitHub issue once synced; shown to staff only" }),
    reporter: personSchema,
    /** The caller's relation to the report; null for staff reading someone else's. */
    yourRole: z.enum(['reporter', 'co-finder']).nullable(),
    attachments: z.array(
      z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int() }),
    ),
    coFinders: z.array(
      z.object({
        person: personSchema,
        note: z.string().nullable().meta({ description: 'Shown to staff, and to the co-finder for their own entry' }),
        environment: z.record(z.string(), z.string()).nullable(),
        createdAt: z.iso.datetime(),
      }),
    ),
    timeline: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string().meta({ description: 'filed, me_too, comment, note (team), status, priority …' }),
        at: z.iso.datetime(),
        actor: personSchema.nullable(),
        text: z.string().nullable().meta({ description: 'Comment body (Markdown) for comments and notes' }),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'ReportDetail' });

export const reportIdParams = z.object({ id: z.uuid({ error: 'Not a report id' }) });

export const addCommentBody = z
  .strictObject({
    body: z.string().trim().min(1, { error: 'Write something' }).max(20_000),
    visibility: z.enum(['public', 'team']).default('public').meta({
      description: 'public: the reporter sees it; team: staff only (MVPs cannot write team notes)',
    }),
  })
  .meta({ id: 'AddCommentBody' });

export const commentSchema = z
  .object({ id: z.uuid(), visibility: z.enum(['public', 'team']), body: z.string(), createdAt: z.iso.datetime() })
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
    severity: severitySchema.nullable(),
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
export type ReportPerson = z.output<typeof personSchema>;
export type ReportListItem = z.output<typeof reportListItemSchema>;
