import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';

/** Pages of the reports the user filed or said "me too" to, newest first. */
export function useMyReports() {
  return useInfiniteQuery({
    queryKey: ['me', 'reports'],
    queryFn: ({ pageParam }) =>
      unwrap(api.me.reports.$get({ query: { limit: '50', ...(pageParam ? { cursor: pageParam } : {}) } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Engineering moves reports along on GitHub; a visit should show where they stand now.
    staleTime: 0,
  });
}
