import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';

// The Rescue list is computed on every read (reproductions keep coming, engineering keeps triaging),
// so it is never taken from the cache without asking again.

export function rescueQueryKey(programId: string) {
  return ['programs', programId, 'rescue'] as const;
}

export function useRescueList(programId: string) {
  return useQuery({
    queryKey: rescueQueryKey(programId),
    queryFn: () => unwrap(api.programs[':id'].rescue.$get({ param: { id: programId } })),
    staleTime: 0,
  });
}

/** Sends one cluster back to engineering; the list is read again so it moves to "Sent back". */
export function useRequestRescue(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reportId: string) => unwrap(api.reports[':id'].rescue.$post({ param: { id: reportId } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rescueQueryKey(programId) }),
  });
}
