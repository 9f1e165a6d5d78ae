import { z } from 'zod';

// A program's staff: the engineers and internal testers who work on it, and which of them lead it.
// Admins work on every program and are never members.

export const memberRoles = ['engineer', 'internal_tester'] as const;
export const memberRoleSchema = z.enum(memberRoles).meta({ id: 'ProgramMemberRole' });

export const programMemberSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: memberRoleSchema,
    lead: z.boolean().meta({ description: "A lead manages the program's releases, cohorts, settings and members" }),
    addedAt: z.iso.datetime(),
  })
  .meta({ id: 'ProgramMember' });

export const memberCandidateSchema = z
  .object({ id: z.uuid(), name: z.string(), email: z.string(), role: memberRoleSchema })
  .meta({ id: 'ProgramMemberCandidate' });

export const programMembersSchema = z
  .object({
    items: z.array(programMemberSchema).meta({ description: 'Members, leads first, then by name' }),
    canManage: z
      .boolean()
      .meta({ description: "Whether the caller may change the members (an admin or the program's lead)" }),
    candidates: z.array(memberCandidateSchema).meta({
      description:
        'Enabled engineers and internal testers not yet members, by name; empty unless the caller may manage',
    }),
  })
  .meta({ id: 'ProgramMembers' });

export const programMemberParams = z.object({
  id: z.uuid({ error: 'Not a program id' }),
  userId: z.uuid({ error: 'Not a user id' }),
});

export const setProgramMemberBody = z
  .strictObject({ lead: z.boolean({ error: 'Say whether the member leads the program' }) })
  .meta({ id: 'SetProgramMemberBody' });

export type ProgramMember = z.output<typeof programMemberSchema>;
export type ProgramMembers = z.output<typeof programMembersSchema>;
