import type { SessionUser } from '../lib/app-context.ts';
import type { ReportPerson } from './report-views.schemas.ts';

export const personSelect = { id: true, name: true, role: true, mvpProfile: { select: { handle: true } } } as const;

export type PersonRow = { id: string; name: string; role: ReportPerson['role']; mvpProfile: { handle: string } | null };

/**
 * How one person appears to the viewer: staff see names; a customer sees other customers only by
 * their public handle, so no MVP learns who else is in the program.
 */
export function toPerson(row: PersonRow | null, viewer: SessionUser, fallbackLogin?: string | null): ReportPerson {
  if (!row) return { displayName: fallbackLogin ?? 'Someone on GitHub', handle: null, role: null };
  const handle = row.mvpProfile?.handle ?? null;
  const hideName = viewer.role === 'mvp' && row.role === 'mvp' && row.id !== viewer.id;
  return { displayName: hideName ? (handle ?? 'Another customer') : row.name, handle, role: row.role };
}
