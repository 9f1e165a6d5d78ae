import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateStaffMemberBody, StaffMember } from '#api/staff/staff.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { staffQuery, staffQueryKey } from '../../lib/staff-query.ts';

export type StaffRole = StaffMember['role'];

export function useStaffList() {
  return useQuery(staffQuery());
}

export function useCreateStaffMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: CreateStaffMemberBody) => unwrap(api.staff.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}

export function useUpdateStaffMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: { role?: StaffRole; disabled?: boolean; githubLogin?: string | null }) =>
      unwrap(api.staff[':id'].$patch({ param: { id }, json })),
    onSuccess: (member) => {
      // Show the answer at once; the refetch then catches changes made by other program leads.
      queryClient.setQueryData(staffQueryKey, (list: { items: StaffMember[] } | undefined) =>
        list ? { items: list.items.map((item) => (item.id === member.id ? member : item)) } : list,
      );
      return queryClient.invalidateQueries({ queryKey: staffQueryKey });
    },
  });
}

export function useIssuePasswordLink(id: string) {
  return useMutation({ mutationFn: () => unwrap(api.staff[':id']['password-link'].$post({ param: { id } })) });
}
