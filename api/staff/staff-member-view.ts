import type { StaffMember } from './staff.schemas.ts';

export const staffMemberSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  passwordHash: true,
  disabledAt: true,
  githubLogin: true,
  createdAt: true,
} as const;

type Row = {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string | null;
  disabledAt: Date | null;
  githubLogin: string | null;
  createdAt: Date;
};

export function toStaffMember(row: Row): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as StaffMember['role'],
    status: row.disabledAt ? 'disabled' : row.passwordHash ? 'active' : 'invited',
    githubLogin: row.githubLogin,
    createdAt: row.createdAt.toISOString(),
  };
}
