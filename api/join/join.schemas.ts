import { z } from 'zod';
import { emailSchema, linkTokenSchema } from '../auth/auth.schemas.ts';
import { companySchema, devicesSchema, personNameSchema, platformsSchema } from '../enrolment/enrolment.schemas.ts';

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

export const applicationReceivedSchema = z
  .object({ email: z.string(), status: z.literal('applied') })
  .meta({ id: 'ApplicationReceived', description: 'The application waits for the program lead' });

export type JoinInfo = z.output<typeof joinInfoSchema>;
export type ApplyBody = z.input<typeof applyBody>;
