import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { answerVerificationBody, fixedInBody } from '#api/verification/verification.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';

// Under the report's key, so that whatever refreshes the report refreshes this too.
export function verificationQueryKey(reportId: string) {
  return ['reports', reportId, 'verification'] as const;
}

/** Your own request to check the report's fix; staff also get its fix build and counts. */
export function useVerification(reportId: string) {
  return useQuery({
    queryKey: verificationQueryKey(reportId),
    queryFn: () => unwrap(api.reports[':id'].verification.$get({ param: { id: reportId } })),
    staleTime: 0,
  });
}

export function useAnswerVerification(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof answerVerificationBody>) =>
      unwrap(api.reports[':id'].verification.$post({ param: { id: reportId }, json })),
    onSuccess: (state) => {
      queryClient.setQueryData(verificationQueryKey(reportId), state);
      // The answer is on the report's timeline too.
      return queryClient.invalidateQueries({ queryKey: ['reports', reportId], exact: true });
    },
  });
}

export function useSetFixedIn(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof fixedInBody>) =>
      unwrap(api.reports[':id']['fixed-in'].$put({ param: { id: reportId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', reportId] }),
  });
}
