import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createProgramBody, programSettingsSchema } from '#api/programs/programs.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { programQuery, programQueryKey, programsQuery, programsQueryKey } from '../../lib/program-query.ts';

/** Read again whenever a page shows it: programs come and go with other admins' work, and the home page reads it first. */
export function usePrograms() {
  return useQuery({ ...programsQuery(), refetchOnMount: 'always' });
}

export function useProgram(id: string) {
  return useQuery(programQuery(id));
}

export function useCreateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof createProgramBody>) => unwrap(api.programs.$post({ json })),
    onSuccess: (program) => {
      queryClient.setQueryData(programQueryKey(program.id), program);
      return queryClient.invalidateQueries({ queryKey: programsQueryKey, exact: true });
    },
  });
}

/** Saves the whole settings form: the API takes any subset, the form checks the merged whole first. */
export function useUpdateProgram(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof programSettingsSchema>) =>
      unwrap(api.programs[':id'].$patch({ param: { id }, json })),
    onSuccess: (program) => {
      queryClient.setQueryData(programQueryKey(id), program);
      return queryClient.invalidateQueries({ queryKey: programsQueryKey, exact: true });
    },
  });
}

export function usePublishTerms(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: { text: string }) => unwrap(api.programs[':id'].terms.$post({ param: { id }, json })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: programQueryKey(id), exact: true }),
        queryClient.invalidateQueries({ queryKey: programsQueryKey, exact: true }),
      ]),
  });
}
