import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';

export function repositoryCheckQueryKey(programId: string) {
  return ['programs', programId, 'repository-check'] as const;
}

export function useRepositoryCheck(programId: string) {
  return useQuery({
    queryKey: repositoryCheckQueryKey(programId),
    queryFn: () => unwrap(api.programs[':id']['repository-check'].$get({ param: { id: programId } })),
  });
}

export function useRunRepositoryCheck(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.programs[':id']['repository-check'].$post({ param: { id: programId } })),
    onSuccess: (check) => queryClient.setQueryData(repositoryCheckQueryKey(programId), check),
  });
}
