import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SyncHealth } from '#api/github-sync/health/sync-health.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';

/** How often the page asks again: the queue and the deliveries move by themselves. */
export const refreshMs = 5_000;

function syncHealthQueryKey(programId: string) {
  return ['programs', programId, 'sync'] as const;
}

export function useSyncHealth(programId: string) {
  return useQuery({
    queryKey: syncHealthQueryKey(programId),
    queryFn: () => unwrap(api.programs[':id'].sync.$get({ param: { id: programId } })),
    refetchInterval: refreshMs,
    staleTime: 0,
  });
}

/**
 * Puts a dead (or failing) job back in the queue. On success the job leaves the dead letters at
 * once, before the next refresh shows where it went.
 */
export function useRetrySyncJob(programId: string, jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api['sync-jobs'][':id'].retry.$post({ param: { id: jobId } })),
    onSuccess: () => {
      queryClient.setQueryData<SyncHealth>(syncHealthQueryKey(programId), (health) =>
        health ? { ...health, deadLetters: health.deadLetters.filter((job) => job.id !== jobId) } : health,
      );
      return queryClient.invalidateQueries({ queryKey: syncHealthQueryKey(programId), exact: true });
    },
  });
}
