import { z } from 'zod';
import { attachmentSummarySchema } from './attachment-schemas.ts';
import { nullableRef } from './nullable-ref.ts';

// A report as everyone reads it: its enums, its environment, the report as filed (report-view.ts
// builds it) and the summary anyone may see of one they cannot read. Filing, the report views,
// statistics, rescue and fix verification all speak of reports in these terms.

export const severities = ['blocker', 'major', 'minor', 'cosmetic'] as const;
export const severitySchema = z.enum(severities, { error: 'Choose a severity' }).meta({
  id: 'Severity',
  description: "The reporter's own view of how bad it is; priority comes from engineering's labels, never from this",
});

export const reportSources = ['customer', 'internal'] as const;
export const reportSourceSchema = z.enum(reportSources).meta({
  id: 'ReportSource',
  description: "From the reporter's role at filing time: customer for an MVP, internal for staff",
});

export const reportStatuses = ['new', 'synced', 'triaged', 'needs_info', 'fixed', 'not_planned', 'duplicate'] as const;
export const reportStatusSchema = z.enum(reportStatuses).meta({
  id: 'ReportStatus',
  description:
    'new: filed, not on GitHub yet; synced: its issue exists; triaged: engineering set a priority (any level); ' +
    'needs_info: engineering asked the reporter for more information; ' +
    'fixed, not_planned, duplicate: how the issue was closed',
});

const environmentField = z.string().trim().max(200, { error: 'Use at most 200 characters' }).optional();

/** Where the bug happened; the portal fills in what the browser tells it and the reporter may edit it. */
export const reportEnvironmentSchema = z
  .strictObject({
    os: environmentField,
    browser: environmentField,
    browserVersion: environmentField,
    screen: environmentField,
    locale: environmentField,
    timeZone: environmentField,
    device: environmentField,
    build: environmentField.meta({ description: 'The build of the product under test' }),
  })
  .meta({ id: 'ReportEnvironment', description: 'Each field optional; empty ones are not kept' });

export const reportSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    releaseId: z.uuid(),
    title: z.string(),
    steps: z.string().meta({ description: 'Markdown, as written' }),
    expected: z.string().meta({ description: 'Markdown, as written' }),
    actual: z.string().meta({ description: 'Markdown, as written' }),
    severity: nullableRef(severitySchema).meta({
      description: "The reporter's own severity; null for an issue opened on GitHub",
    }),
    component: z.string().nullable(),
    environment: reportEnvironmentSchema,
    source: reportSourceSchema,
    status: reportStatusSchema,
    priority: z.string().nullable().meta({ description: "The program's priority level, once triaged" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    attachments: z.array(attachmentSummarySchema).meta({ description: 'In upload order' }),
  })
  .meta({ id: 'Report' });

/**
 * All a customer may learn of a report they did not write: enough to recognise it and say "me too";
 * never its text, environment, files, comments or reporter.
 */
export const reportSuggestionSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: reportStatusSchema,
    priority: z.string().nullable().meta({ description: "The program's priority level, once triaged" }),
    createdAt: z.iso.datetime(),
    meTooCount: z.number().int().meta({ description: 'People who said they found it too' }),
    mine: z.boolean().meta({ description: 'The caller filed it or already said me too' }),
  })
  .meta({ id: 'ReportSuggestion' });

export type Severity = z.output<typeof severitySchema>;
export type ReportSource = z.output<typeof reportSourceSchema>;
export type ReportStatus = z.output<typeof reportStatusSchema>;
export type ReportEnvironment = z.output<typeof reportEnvironmentSchema>;
export type Report = z.output<typeof reportSchema>;
export type ReportSuggestion = z.output<typeof reportSuggestionSchema>;
