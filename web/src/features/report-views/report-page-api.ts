import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { addCommentBody } from '#api/report-views/report-views.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';

export function reportQueryKey(id: string) {
  return ['reports', id] as const;
}

/** The report with its timeline; staff get team notes in it too. */
export function useReport(id: string) {
  return useQuery({
    queryKey: reportQueryKey(id),
    queryFn: () => unwrap(api.reports[':id'].$get({ param: { id } })),
    // Comments and engineering's progress arrive from others: a visit shows where the report stands now.
    staleTime: 0,
  });
}

export function useAddComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof addCommentBody>) =>
      unwrap(api.reports[':id'].comments.$post({ param: { id }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportQueryKey(id) }),
  });
}
