import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';

export const pendingTermsQueryKey = ['me', 'terms'] as const;

/** The current terms of the MVP's programs that they have yet to accept. */
export function usePendingTerms(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: pendingTermsQueryKey,
    queryFn: () => unwrap(api.me.terms.$get()),
    enabled: options.enabled ?? true,
    // New terms may be published at any time; asking on every page load is cheap.
    staleTime: 0,
  });
}

export function useAcceptTerms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ programId, version }: { programId: string; version: number }) =>
      unwrap(api.programs[':id'].terms.acceptance.$post({ param: { id: programId }, json: { version } })),
    // Everything the MVP reads may depend on the terms: their releases, programs, the list of terms.
    onSettled: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] }),
  });
}
