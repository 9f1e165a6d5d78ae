import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import type { ReportFilters } from './report-filters.ts';

// The program and its releases are read under the keys the program pages use, so coming from there
// costs no request.

export function useProgram(programId: string) {
  return useQuery({
    queryKey: ['programs', programId],
    queryFn: () => unwrap(api.programs[':id'].$get({ param: { id: programId } })),
  });
}

export function useProgramReleases(programId: string) {
  return useQuery({
    queryKey: ['programs', programId, 'releases'],
    queryFn: () => unwrap(api.programs[':id'].releases.$get({ param: { id: programId } })),
  });
}

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
