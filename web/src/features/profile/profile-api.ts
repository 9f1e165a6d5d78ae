import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { updateMvpProfileBody } from '#api/mvp/mvp.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';

export const profileQueryKey = ['me', 'profile'] as const;

export function useProfile() {
  return useQuery({ queryKey: profileQueryKey, queryFn: () => unwrap(api.me.profile.$get()) });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof updateMvpProfileBody>) => unwrap(api.me.profile.$put({ json })),
    onSuccess: (profile) => {
      queryClient.setQueryData(profileQueryKey, profile);
      // The header greets the MVP by name.
      return queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}

export const githubIdentityQueryKey = ['me', 'github'] as const;

export function useGithubIdentity() {
  return useQuery({ queryKey: githubIdentityQueryKey, queryFn: () => unwrap(api.me.github.$get()) });
}

/** Asks for GitHub's approval page and sends the browser there; it comes back to the profile page. */
export function useStartGithubLink() {
  return useMutation({
    mutationFn: () => unwrap(api.me.github.link.$post()),
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
}

export function useUnlinkGithub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.me.github.$delete()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: githubIdentityQueryKey }),
  });
}
