import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { updateNoticePreferencesBody } from '#api/notices/notices.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';

export const noticePreferencesQueryKey = ['me', 'notice-preferences'] as const;

export function useNoticePreferences() {
  return useQuery({
    queryKey: noticePreferencesQueryKey,
    queryFn: () => unwrap(api.me['notice-preferences'].$get()),
  });
}

export function useUpdateNoticePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof updateNoticePreferencesBody>) =>
      unwrap(api.me['notice-preferences'].$put({ json })),
    onSuccess: (preferences) => queryClient.setQueryData(noticePreferencesQueryKey, preferences),
  });
}
