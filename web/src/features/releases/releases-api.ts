import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createReleaseBody, updateReleaseBody } from '#api/releases/releases.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';

export function programReleasesQueryKey(programId: string) {
  return ['programs', programId, 'releases'] as const;
}

/** The release and everything under it (its cohort among them) share this prefix. */
export function releaseQueryKey(id: string) {
  return ['releases', id] as const;
}

export function useProgramReleases(programId: string) {
  return useQuery({
    queryKey: programReleasesQueryKey(programId),
    queryFn: () => unwrap(api.programs[':id'].releases.$get({ param: { id: programId } })),
  });
}

export function useRelease(id: string) {
  return useQuery({
    queryKey: releaseQueryKey(id),
    queryFn: () => unwrap(api.releases[':id'].$get({ param: { id } })),
  });
}

export function useCreateRelease(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof createReleaseBody>) =>
      unwrap(api.programs[':id'].releases.$post({ param: { id: programId }, json })),
    onSuccess: (release) => {
      queryClient.setQueryData(releaseQueryKey(release.id), release);
      return queryClient.invalidateQueries({ queryKey: programReleasesQueryKey(programId) });
    },
  });
}

/** An edit or a status step; shipping changes the cohort too, so everything under the release is refetched. */
export function useUpdateRelease(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof updateReleaseBody>) =>
      unwrap(api.releases[':id'].$patch({ param: { id }, json })),
    onSuccess: (release) => {
      queryClient.setQueryData(releaseQueryKey(id), release);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: releaseQueryKey(id) }),
        queryClient.invalidateQueries({ queryKey: programReleasesQueryKey(release.programId) }),
      ]);
    },
  });
}
