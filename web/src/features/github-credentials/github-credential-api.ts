import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  GithubCredentialSummary,
  SetGithubCredential,
} from '#api/github-sync/credentials/github-credentials.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { repositoryCheckQueryKey } from '../repository-check/repository-check-api.ts';

function githubCredentialQueryKey(programId: string) {
  return ['programs', programId, 'github-credential'] as const;
}

export function useGithubCredential(programId: string) {
  return useQuery({
    queryKey: githubCredentialQueryKey(programId),
    queryFn: () => unwrap(api.programs[':id']['github-credential'].$get({ param: { id: programId } })),
  });
}

/** Stores or forgets the program's credential; the server checks the repository with it before answering. */
export function useChangeGithubCredential(programId: string) {
  const queryClient = useQueryClient();
  const settled = {
    onSuccess: (summary: GithubCredentialSummary) => {
      queryClient.setQueryData(githubCredentialQueryKey(programId), summary);
      void queryClient.invalidateQueries({ queryKey: repositoryCheckQueryKey(programId) });
    },
  };
  return {
    set: useMutation({
      mutationFn: (json: SetGithubCredential) =>
        unwrap(api.programs[':id']['github-credential'].$put({ param: { id: programId }, json })),
      ...settled,
    }),
    clear: useMutation({
      mutationFn: () => unwrap(api.programs[':id']['github-credential'].$delete({ param: { id: programId } })),
      ...settled,
    }),
  };
}
