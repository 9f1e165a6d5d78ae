import { z } from 'zod';
import { emailSchema, linkTokenSchema } from '../lib/account-fields.ts';
import { companySchema, devicesSchema, personNameSchema, platformsSchema } from '../lib/person-fields.ts';

// Applying through a release's public join link. The portal's form reuses these schemas.

export const joinTokenBody = z.strictObject({ token: linkTokenSchema }).meta({ id: 'JoinTokenBody' });

export const joinInfoSchema = z
  .object({
    programName: z.string(),
    product: z.string(),
    releaseVersion: z.string(),
    focusAreas: z.array(z.string()),
    testStart: z.iso.datetime(),
    testEnd: z.iso.datetime(),
    open: z.boolean().meta({ description: 'Whether the link takes applications now' }),
    reason: z.string().optional().meta({ description: 'Why it does not, in words to show' }),
  })
  .meta({ id: 'JoinInfo' });

export const applyBody = z
  .strictObject({
    token: linkTokenSchema,
    name: personNameSchema,
    email: emailSchema,
    company: companySchema.min(1, { error: 'Enter your company' }),
    jobRole: z.string().trim().min(1, { error: 'Enter your role' }).max(120, { error: 'Use at most 120 characters' }),
    platforms: platformsSchema,
    devices: devicesSchema,
    motivation: z
      .string()
      .trim()
      .min(1, { error: 'Tell us why you would like to take part' })
      .max(2000, { error: 'Use at most 2,000 characters' }),
  })
  .meta({ id: 'ApplyBody' });

/** What an application says, as stored until its address is confirmed: everything but the link's token. */
export const applicationSchema = applyBody.omit({ token: true });

export const confirmationSentSchema = z.object({ email: z.string(), status: z.literal('awaiting_confirmation') }).meta({
  id: 'ConfirmationSent',
  description:
    'A link to confirm the application was e-mailed to the address; the same answer whether or not the ' +
    'address applied before or has an account',
});

export const confirmationTokenBody = z.strictObject({ token: linkTokenSchema }).meta({ id: 'ConfirmationTokenBody' });

export const joinConfirmationInfoSchema = joinInfoSchema
  .extend({
    application: z.object({
      name: z.string(),
      email: z.string(),
      company: z.string(),
      jobRole: z.string(),
      platforms: z.array(z.string()),
      devices: z.array(z.string()),
      motivation: z.string(),
    }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'JoinConfirmationInfo', description: 'The application a confirmation link would send, to check first' });

export const applicationReceivedSchema = z
  .object({ email: z.string(), status: z.literal('applied') })
  .meta({ id: 'ApplicationReceived', description: 'The application waits for the program lead' });

export type JoinInfo = z.output<typeof joinInfoSchema>;
export type JoinConfirmationInfo = z.output<typeof joinConfirmationInfoSchema>;
export type ApplyBody = z.input<typeof applyBody>;
export type Application = z.output<typeof applicationSchema>;
