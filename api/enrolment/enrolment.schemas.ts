import { z } from 'zod';
import { emailSchema } from '../lib/account-fields.ts';
import { companySchema, personNameSchema } from '../lib/person-fields.ts';

// The program lead's side of a release's cohort: invitations, the public join link, the queue of
// applications and the cohort itself. The portal's forms reuse these schemas.

export const enrolmentStatuses = ['invited', 'applied', 'active', 'declined', 'removed', 'completed'] as const;
export const enrolmentStatusSchema = z.enum(enrolmentStatuses).meta({
  id: 'EnrolmentStatus',
  description:
    'invited: sent a link, not accepted yet; applied: asked through the join link, waiting for a decision; ' +
    'active: taking part; declined: application turned down; removed: taken out (or invitation revoked); ' +
    'completed: the release shipped while they took part',
});
export const enrolmentSourceSchema = z
  .enum(['invitation', 'application'])
  .meta({ id: 'EnrolmentSource', description: 'application: came in through the public join link' });

/** An e-mail with one of these statuses is in the cohort: it cannot be invited or apply again. */
export const inCohortStatuses = ['invited', 'applied', 'active'] as const;

export const maxInvitees = 500;

export const inviteeSchema = z
  .strictObject({ email: emailSchema, name: personNameSchema, company: companySchema.default('') })
  .meta({ id: 'Invitee' });

export const inviteBody = z
  .strictObject({
    invitees: z
      .array(inviteeSchema)
      .min(1, { error: 'Add at least one person' })
      .max(maxInvitees, { error: `Invite at most ${maxInvitees} people at once` })
      .superRefine((invitees, ctx) => {
        const seen = new Map<string, number>();
        invitees.forEach((invitee, index) => {
          const first = seen.get(invitee.email);
          if (first !== undefined)
            ctx.addIssue({
              code: 'custom',
              path: [index, 'email'],
              message: `This e-mail is listed twice (also as person ${first + 1})`,
            });
          else seen.set(invitee.email, index);
        });
      }),
  })
  .meta({ id: 'InviteBody', description: 'All or nothing: if anyone cannot be invited, nobody is' });

export const cohortMemberSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    company: z.string(),
    status: enrolmentStatusSchema,
    source: enrolmentSourceSchema,
    jobRole: z.string().nullable(),
    platforms: z.array(z.string()),
    devices: z.array(z.string()),
    motivation: z.string().nullable(),
    termsVersionAccepted: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Highest version of the program's terms this person accepted; null for none" }),
    reportsFiled: z.number().int().meta({ description: 'Bug reports filed for this release' }),
    accountId: z
      .uuid()
      .nullable()
      .meta({ description: 'Their MVP account (PATCH /api/mvps/{id}); null until they have one' }),
    accountDisabled: z.boolean().meta({ description: 'Their account is disabled: they cannot sign in' }),
    accountErased: z
      .boolean()
      .meta({ description: 'Their account was erased at their request: "A former MVP", nothing left to export' }),
    createdAt: z.iso.datetime(),
    activatedAt: z.iso.datetime().nullable(),
    decidedAt: z.iso.datetime().nullable().meta({ description: 'When an application was approved or declined' }),
    endedAt: z.iso.datetime().nullable(),
    invitationExpiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'While invited: when the current invitation link expires' }),
  })
  .meta({ id: 'CohortMember' });

export const invitedPeopleSchema = z
  .object({ items: z.array(cohortMemberSchema).meta({ description: 'In the order given' }) })
  .meta({ id: 'InvitedPeople' });

const count = z.number().int();
export const cohortStatusCountsSchema = z
  .object({ invited: count, applied: count, active: count, declined: count, removed: count, completed: count })
  .meta({ id: 'CohortStatusCounts' });

export const cohortCapacitySchema = z
  .object({
    limit: count.nullable().meta({ description: 'Release.cohortCapacity; null for no limit' }),
    taken: count.meta({ description: 'Invited and active MVPs' }),
    remaining: count.nullable().meta({ description: 'How many more can be invited or approved; null for no limit' }),
  })
  .meta({ id: 'CohortCapacity' });

export const setJoinLinkBody = z
  .strictObject({
    enabled: z.boolean(),
    cap: z
      .number({ error: 'Enter a whole number, or nothing for no limit' })
      .int({ error: 'Enter a whole number' })
      .positive({ error: 'Enter at least 1, or nothing for no limit' })
      .max(100_000)
      .nullable()
      .meta({ description: 'Most applications the link takes over its life; null for no limit' }),
  })
  .meta({ id: 'SetJoinLinkBody' });

export const joinLinkSchema = z
  .object({
    url: z.url().nullable().meta({ description: 'The link to share; null until it is first enabled' }),
    enabled: z.boolean(),
    cap: count.nullable(),
    applications: count.meta({ description: 'Applications made through the link so far' }),
  })
  .meta({ id: 'JoinLink' });

export const cohortQuery = z.strictObject({
  status: enrolmentStatusSchema.optional().meta({ description: 'Only enrolments with this status' }),
});

export const cohortSchema = z
  .object({
    items: z.array(cohortMemberSchema).meta({ description: 'Oldest first' }),
    counts: cohortStatusCountsSchema.meta({ description: 'Every enrolment of the release, whatever the filter' }),
    capacity: cohortCapacitySchema,
    joinLink: joinLinkSchema,
  })
  .meta({ id: 'Cohort' });

export const enrolmentIdParams = z.object({ id: z.uuid({ error: 'Not an enrolment id' }) });

export type EnrolmentStatus = z.output<typeof enrolmentStatusSchema>;
export type Invitee = z.output<typeof inviteeSchema>;
export type InviteBody = z.input<typeof inviteBody>;
export type CohortMember = z.output<typeof cohortMemberSchema>;
export type Cohort = z.output<typeof cohortSchema>;
export type JoinLink = z.output<typeof joinLinkSchema>;
export type SetJoinLinkBody = z.input<typeof setJoinLinkBody>;
