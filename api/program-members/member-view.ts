import type { ProgramMember } from './program-members.schemas.ts';

export const memberSelect = {
  lead: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true, role: true } },
} as const;

type MemberRow = {
  lead: boolean;
  createdAt: Date;
  user: { id: string; name: string; email: string; role: string };
};

export function toProgramMember(row: MemberRow): ProgramMember {
  return {
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.user.role as ProgramMember['role'],
    lead: row.lead,
    addedAt: row.createdAt.toISOString(),
  };
}
