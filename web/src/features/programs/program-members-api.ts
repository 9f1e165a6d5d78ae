import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';

export function programMembersQueryKey(programId: string) {
  return ['programs', programId, 'members'] as const;
}

export function useProgramMembers(programId: string) {
  return useQuery({
    queryKey: programMembersQueryKey(programId),
    queryFn: () => unwrap(api.programs[':id'].members.$get({ param: { id: programId } })),
  });
}

// A change may be about the signed-in person (a lead stepping down), so the session's leads are asked again.
function useRefreshMembers(programId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: programMembersQueryKey(programId) }),
      queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
    ]);
}

export function useSetProgramMember(programId: string) {
  const refresh = useRefreshMembers(programId);
  return useMutation({
    mutationFn: (options: { userId: string; lead: boolean }) =>
      unwrap(
        api.programs[':id'].members[':userId'].$put({
          param: { id: programId, userId: options.userId },
          json: { lead: options.lead },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRemoveProgramMember(programId: string) {
  const refresh = useRefreshMembers(programId);
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.programs[':id'].members[':userId'].$delete({ param: { id: programId, userId } })),
    onSuccess: refresh,
  });
}
