import { z } from 'zod';
import { emailSchema, linkTokenSchema, passwordSchema } from '../lib/account-fields.ts';

export const setupStatusSchema = z
  .object({ needsSetup: z.boolean().meta({ description: 'True until the first admin exists' }) })
  .meta({ id: 'SetupStatus' });

export const createFirstAdminBody = z
  .strictObject({
    token: linkTokenSchema,
    name: z.string().trim().min(1, { error: 'Enter your name' }).max(120),
    email: emailSchema,
    password: passwordSchema,
  })
  .meta({ id: 'CreateFirstAdminBody' });

export type CreateFirstAdminBody = z.input<typeof createFirstAdminBody>;
