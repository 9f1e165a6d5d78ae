import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClusterList } from '#api/stats/stats.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';

// Figures are computed on every read from the reports as GitHub triage left them, so they are
// never cached for long: a relabelled issue shows on the next visit.

export function useProgramStats(programId: string) {
  return useQuery({
    queryKey: ['programs', programId, 'stats'],
    queryFn: () => unwrap(api.programs[':id'].stats.$get({ param: { id: programId } })),
    staleTime: 0,
  });
}

export function useReleaseStats(releaseId: string | undefined) {
  return useQuery({
    queryKey: ['releases', releaseId, 'stats'],
    queryFn: () => unwrap(api.releases[':id'].stats.$get({ param: { id: releaseId ?? '' } })),
    enabled: Boolean(releaseId),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export function useLeaderboard(scope: { programId: string; releaseId?: string | undefined }) {
  return useQuery({
    queryKey: ['leaderboard', scope.programId, scope.releaseId ?? null],
    queryFn: () =>
      unwrap(
        scope.releaseId
          ? api.releases[':id'].leaderboard.$get({ param: { id: scope.releaseId } })
          : api.programs[':id'].leaderboard.$get({ param: { id: scope.programId } }),
      ),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export type ClusterQuery = Record<string, string>;

export function useClusters(programId: string, query: ClusterQuery, cursor: string | null) {
  return useQuery({
    queryKey: ['programs', programId, 'clusters', query, cursor],
    // Asked as JSON, the answer is a ClusterList (the same route also answers CSV downloads).
    queryFn: async () =>
      (await unwrap(
        api.programs[':id'].stats.clusters.$get({
          param: { id: programId },
          query: { ...query, ...(cursor ? { cursor } : {}), format: 'json' },
        }),
      )) as ClusterList,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export const recognitionQueryKey = ['me', 'recognition'] as const;

export function useMyRecognition() {
  return useQuery({ queryKey: recognitionQueryKey, queryFn: () => unwrap(api.me.recognition.$get()), staleTime: 0 });
}

export function useSetLeaderboardVisibility() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (showOnLeaderboard: boolean) =>
      unwrap(api.me.recognition.visibility.$put({ json: { showOnLeaderboard } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recognitionQueryKey }),
  });
}
