import { z } from 'zod';
import { linkTokenSchema, passwordSchema } from '../lib/account-fields.ts';

// Accepting an invitation, from the link in the e-mail. The portal's forms reuse these schemas.

export const invitationTokenBody = z.strictObject({ token: linkTokenSchema }).meta({ id: 'InvitationTokenBody' });

export const invitationInfoSchema = z
  .object({
    programName: z.string(),
    product: z.string(),
    releaseVersion: z.string(),
    email: z.string(),
    name: z.string(),
    accountExists: z
      .boolean()
      .meta({ description: 'True: accepting needs the password of that account (or being signed in as it)' }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'InvitationInfo' });

/** What someone without an account gives to accept: the account is created with it. */
export const newMvpAccountSchema = z.object({
  name: z
    .string({ error: 'Enter your name' })
    .trim()
    .min(1, { error: 'Enter your name' })
    .max(120, { error: 'Use at most 120 characters' }),
  password: z.string({ error: 'Choose a password' }).pipe(passwordSchema),
});

export const acceptInvitationBody = z
  .strictObject({
    token: linkTokenSchema,
    name: z.string().max(120).optional().meta({ description: 'Required when no account has the invited e-mail' }),
    password: z
      .string()
      .max(256)
      .optional()
      .meta({
        description:
          'Without an account: the password to choose (at least 12 characters). ' +
          'With one: its password, unless signed in as that account',
      }),
  })
  .meta({ id: 'AcceptInvitationBody' });

export type InvitationInfo = z.output<typeof invitationInfoSchema>;
export type AcceptInvitationBody = z.input<typeof acceptInvitationBody>;
