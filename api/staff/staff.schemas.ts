import { z } from 'zod';
import { emailSchema } from '../lib/account-fields.ts';
import { githubLoginSchema } from '../lib/github-names.ts';
import { staffRoles } from '../lib/roles.ts';

export const staffRoleSchema = z.enum(staffRoles).meta({ id: 'StaffRole' });

export const staffMemberSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: staffRoleSchema,
    status: z.enum(['active', 'invited', 'disabled']).meta({ description: 'invited: has not chosen a password yet' }),
    githubLogin: z
      .string()
      .nullable()
      .meta({ description: 'Their GitHub login: issues it opens on GitHub are attributed to them (internal finds)' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'StaffMember' });

export const staffListSchema = z.object({ items: z.array(staffMemberSchema) }).meta({ id: 'StaffList' });

export const passwordLinkSchema = z
  .object({
    url: z.url().meta({ description: 'Single-use link to choose a password; also e-mailed to the person' }),
    expiresAt: z.iso.datetime(),
    mail: z.object({
      to: z.string(),
      status: z.enum(['pending', 'held']).meta({
        description: 'pending: on its way through SMTP; held: SMTP is not configured, so it waits in the Outbox',
      }),
    }),
  })
  .meta({ id: 'PasswordLink' });

export type PasswordLink = z.output<typeof passwordLinkSchema>;

export const createStaffMemberBody = z
  .strictObject({
    email: emailSchema,
    name: z.string().trim().min(1, { error: 'Enter a name' }).max(120),
    role: staffRoleSchema,
  })
  .meta({ id: 'CreateStaffMemberBody' });

export const createdStaffMemberSchema = z
  .object({ member: staffMemberSchema, passwordLink: passwordLinkSchema })
  .meta({ id: 'CreatedStaffMember' });

export const updateStaffMemberBody = z
  .strictObject({
    role: staffRoleSchema.optional(),
    disabled: z.boolean().optional(),
    githubLogin: githubLoginSchema.nullable().optional().meta({ description: 'Their GitHub login; null forgets it' }),
  })
  .refine((body) => body.role !== undefined || body.disabled !== undefined || body.githubLogin !== undefined, {
    error: 'Change the role, the status or the GitHub login',
  })
  .meta({ id: 'UpdateStaffMemberBody' });

export const staffIdParams = z.object({ id: z.uuid({ error: 'Not a staff member id' }) });

export type CreateStaffMemberBody = z.input<typeof createStaffMemberBody>;
export type StaffMember = z.output<typeof staffMemberSchema>;
