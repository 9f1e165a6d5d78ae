import { z } from 'zod';
import { pendingTermsSchema } from '../lib/pending-terms.ts';
import { companySchema, devicesSchema, personNameSchema, platformsSchema } from '../lib/person-fields.ts';

// What an MVP sees of their own enrolment: terms to accept (lib/pending-terms.ts, as
// lib/terms-standing.ts finds them), their profile, their releases.

export type { PendingTerms } from '../lib/pending-terms.ts';

export const pendingTermsListSchema = z
  .object({ items: z.array(pendingTermsSchema) })
  .meta({ id: 'PendingTermsList', description: 'By program name' });

export const acceptTermsBody = z
  .strictObject({
    version: z
      .number({ error: 'Give the version of the terms you accept' })
      .int()
      .positive()
      .meta({ description: 'The version shown; it must still be the current one' }),
  })
  .meta({ id: 'AcceptTermsBody' });

export const termsAcceptanceSchema = z
  .object({ programId: z.uuid(), version: z.number().int(), acceptedAt: z.iso.datetime() })
  .meta({ id: 'TermsAcceptance' });

export const handleSchema = z
  .string()
  .trim()
  .min(3, { error: 'Use at least 3 characters' })
  .max(32, { error: 'Use at most 32 characters' })
  // No flags: JSON Schema patterns have none, and the document would carry this one as `$/i`.
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, {
    error: 'Use letters, digits, "-" and "_", starting with a letter or digit',
  })
  .transform((value) => value.toLowerCase())
  .meta({ description: 'What engineering sees instead of your name; unique, compared ignoring case' });

export const mvpProfileSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    company: z.string(),
    handle: z.string(),
    platforms: z.array(z.string()),
    devices: z.array(z.string()),
  })
  .meta({ id: 'MvpProfile' });

export const updateMvpProfileBody = z
  .strictObject({
    name: personNameSchema,
    company: companySchema,
    handle: handleSchema,
    platforms: platformsSchema,
    devices: devicesSchema,
  })
  .meta({ id: 'UpdateMvpProfileBody' });

export const myReleaseSchema = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    programName: z.string(),
    product: z.string(),
    version: z.string(),
    build: z.string(),
    testStart: z.iso.datetime(),
    testEnd: z.iso.datetime(),
    focusAreas: z.array(z.string()),
    instructions: z.string().meta({ description: 'Markdown' }),
    status: z.enum(['planned', 'testing', 'shipped']),
    enrolmentStatus: z.enum(['active', 'completed']),
  })
  .meta({ id: 'MyRelease' });

export const myReleasesSchema = z
  .object({
    pendingTerms: z
      .array(pendingTermsSchema)
      .meta({ description: 'Programs whose releases are left out until their current terms are accepted' }),
    releases: z.array(myReleaseSchema).meta({ description: 'Latest test window first' }),
  })
  .meta({ id: 'MyReleases' });

export type MvpProfile = z.output<typeof mvpProfileSchema>;
export type UpdateMvpProfileBody = z.input<typeof updateMvpProfileBody>;
export type MyRelease = z.output<typeof myReleaseSchema>;
