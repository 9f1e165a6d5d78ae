import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';

/** Pages of messages, newest first; `to` narrows them to one recipient. */
export function useOutbox(to: string) {
  return useInfiniteQuery({
    queryKey: ['outbox', to],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.outbox.$get({
          query: { limit: '50', ...(to ? { to } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // A message written a moment ago (an invitation just sent) should be here when the lead looks.
    staleTime: 0,
  });
}
