import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import { programsQuery } from '../../lib/program-query.ts';
import { staffQuery } from '../../lib/staff-query.ts';

export type AuditFilters = { programId: string; action: string; actorId: string; from: string; to: string };

export const noAuditFilters: AuditFilters = { programId: '', action: '', actorId: '', from: '', to: '' };

/** Pages of the audit trail, newest first, narrowed by the filters that are set. */
export function useAuditEntries(filters: AuditFilters) {
  const set = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.audit.$get({ query: { limit: '50', ...set, ...(pageParam ? { cursor: pageParam } : {}) } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // A change made a moment ago should be here when the lead looks.
    staleTime: 0,
  });
}

/** The programs and staff to filter by. */
export function useAuditFilterChoices() {
  const programs = useQuery(programsQuery());
  const staff = useQuery(staffQuery());
  return { programs: programs.data?.items ?? [], staff: staff.data?.items ?? [] };
}
