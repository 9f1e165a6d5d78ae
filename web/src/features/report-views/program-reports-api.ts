import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import type { ReportFilters } from './report-filters.ts';

/** Pages of the program's reports, newest first, as the filters narrow them. */
export function useProgramReports(programId: string, filters: ReportFilters) {
  return useInfiniteQuery({
    queryKey: ['programs', programId, 'reports', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.programs[':id'].reports.$get({
          param: { id: programId },
          query: { ...filters, limit: '50', ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // While another filter's answer is on its way, the list stays rather than blinking away.
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
