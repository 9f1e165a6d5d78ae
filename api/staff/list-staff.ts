import type { PrismaClient } from '../generated/prisma/client.ts';
import { staffRoles } from '../lib/roles.ts';
import type { StaffMember } from './staff.schemas.ts';
import { staffMemberSelect, toStaffMember } from './staff-member-view.ts';

export async function listStaff(options: { prisma: PrismaClient }): Promise<StaffMember[]> {
  const rows = await options.prisma.user.findMany({
    where: { role: { in: [...staffRoles] } },
    orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }],
    select: staffMemberSelect,
  });
  return rows.map(toStaffMember);
}
