import { z } from 'zod';
import { emailSchema, linkTokenSchema, passwordSchema } from '../lib/account-fields.ts';
import { nullableRef } from '../lib/nullable-ref.ts';

// Request and response shapes of sign-in and sessions, shared by the API and the portal's forms.

export const roles = ['admin', 'engineer', 'internal_tester', 'mvp'] as const;
export const roleSchema = z.enum(roles).meta({
  id: 'Role',
  description: 'admin: every program; engineer and internal_tester: the programs they are members of',
});

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
  })
  .meta({ id: 'User' });

export const sessionUserSchema = userSchema
  .extend({
    leads: z.array(z.uuid()).meta({
      description:
        "Programs this engineer or internal tester leads: they manage those programs' releases, cohorts and settings (an admin manages every program)",
    }),
  })
  .meta({ id: 'SessionUser' });

export const sessionSchema = z
  .object({ user: nullableRef(sessionUserSchema).meta({ description: 'null when not signed in' }) })
  .meta({ id: 'Session' });

export const signInBody = z
  .strictObject({
    email: emailSchema,
    password: z.string().min(1, { error: 'Enter your password' }).max(256),
  })
  .meta({ id: 'SignInBody' });

export const inspectLinkBody = z.strictObject({ token: linkTokenSchema }).meta({ id: 'InspectLinkBody' });

export const linkInfoSchema = z
  .object({
    purpose: z.enum(['first_admin', 'set_password', 'password_reset']),
    email: z.string().nullable(),
    name: z.string().nullable(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'LinkInfo' });

export const setPasswordBody = z
  .strictObject({ token: linkTokenSchema, password: passwordSchema })
  .meta({ id: 'SetPasswordBody' });

export const passwordResetBody = z.strictObject({ email: emailSchema }).meta({ id: 'PasswordResetBody' });

export const passwordResetRequestedSchema = z.object({ status: z.literal('requested') }).meta({
  id: 'PasswordResetRequested',
  description:
    'The same answer whether or not an account has this address: if an enabled one has, a single-use link ' +
    'to choose a new password was e-mailed to it',
});

export type SignInBody = z.input<typeof signInBody>;
export type User = z.output<typeof userSchema>;
export type SessionUserView = z.output<typeof sessionUserSchema>;
