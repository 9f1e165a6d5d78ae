import { z } from 'zod';
import { auditActions } from '../lib/record-audit.ts';

/** A day (`2026-12-01`, the whole day in UTC) or an instant with its offset, within years 1 to 9999 in UTC. */
const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).refine(
  (value) => {
    const year = instantOf(value, 'start').getUTCFullYear();
    return year >= 1 && year <= 9999;
  },
  { error: 'Enter a date between the years 1 and 9999' },
);

export const auditActionSchema = z.enum(auditActions).meta({ id: 'AuditAction' });

export const auditQuery = z
  .strictObject({
    programId: z.uuid().optional().meta({ description: 'Only entries about this program' }),
    action: auditActionSchema.optional(),
    actorId: z.uuid().optional().meta({ description: 'Only what this person did' }),
    from: dateOrInstant.optional().meta({ description: 'From this day or instant on (inclusive)' }),
    to: dateOrInstant.optional().meta({ description: 'Up to this day (the whole day) or instant (inclusive)' }),
    cursor: z.uuid().optional().meta({ description: 'nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => !query.from || !query.to || instantOf(query.from, 'start') <= instantOf(query.to, 'end'), {
    error: 'The end comes before the start',
    path: ['to'],
  });

/** The instant a `from` or `to` stands for; a day runs from its first to its last millisecond in UTC. */
export function instantOf(value: string, side: 'start' | 'end'): Date {
  if (value.length !== 10) return new Date(value);
  return new Date(`${value}T${side === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`);
}

const changedValues = z
  .record(z.string(), z.unknown())
  .nullable()
  .meta({ description: 'The changed fields, as they were (before) or became (after); settings and states only' });

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable().meta({ description: 'null: Fieldtest itself' }),
    actorName: z.string().meta({ description: 'The name the actor had when acting' }),
    action: auditActionSchema,
    programId: z.uuid().nullable(),
    programName: z.string().nullable(),
    subjectType: z.string().meta({ description: 'What was changed: program, release, enrolment, user, …' }),
    subjectId: z.string().nullable(),
    before: changedValues,
    after: changedValues,
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), nextCursor: z.uuid().nullable() })
  .meta({ id: 'AuditPage' });

export type AuditQuery = z.output<typeof auditQuery>;
export type AuditEntry = z.output<typeof auditEntrySchema>;
export type AuditPage = z.output<typeof auditPageSchema>;
