import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { inviteBody, setJoinLinkBody } from '#api/enrolment/enrolment.schemas.ts';
import { api, saveDownload, unwrap } from '../../lib/api-client.ts';

// Under the release's own key (['releases', id]), so that whatever refreshes the release (shipping
// completes the cohort) refreshes its cohort too, and a change here refreshes the release's counts.
function releaseKey(releaseId: string) {
  return ['releases', releaseId] as const;
}

export function cohortQueryKey(releaseId: string) {
  return ['releases', releaseId, 'cohort'] as const;
}

export function useCohort(releaseId: string) {
  return useQuery({
    queryKey: cohortQueryKey(releaseId),
    queryFn: () => unwrap(api.releases[':id'].cohort.$get({ param: { id: releaseId }, query: {} })),
  });
}

/** After anything that writes to the cohort: its list, the release's counts, and the mail it queued. */
function useCohortChanged(releaseId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: releaseKey(releaseId) }),
      queryClient.invalidateQueries({ queryKey: ['outbox'] }),
    ]);
}

export function useInvite(releaseId: string) {
  const changed = useCohortChanged(releaseId);
  return useMutation({
    mutationFn: (json: z.output<typeof inviteBody>) =>
      unwrap(api.releases[':id'].invitations.$post({ param: { id: releaseId }, json })),
    onSuccess: changed,
  });
}

export type EnrolmentAction = 'resend' | 'revoke' | 'approve' | 'decline' | 'remove';

/** One of the program lead's decisions about one person. */
export function useEnrolmentAction(releaseId: string) {
  const changed = useCohortChanged(releaseId);
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: EnrolmentAction }) => {
      const enrolment = api.enrolments[':id'];
      const param = { id };
      switch (action) {
        case 'resend':
          return unwrap(enrolment.invitation.$post({ param }));
        case 'revoke':
          return unwrap(enrolment.invitation.$delete({ param }));
        case 'approve':
          return unwrap(enrolment.approve.$post({ param }));
        case 'decline':
          return unwrap(enrolment.decline.$post({ param }));
        case 'remove':
          return unwrap(enrolment.remove.$post({ param }));
      }
    },
    onSuccess: changed,
  });
}

/**
 * Disables or enables the person's MVP account. It spans every release they take part in, so every
 * release's cohort is refreshed.
 */
export function useSetAccountDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, disabled }: { accountId: string; disabled: boolean }) =>
      unwrap(api.mvps[':id'].$patch({ param: { id: accountId }, json: { disabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['releases'] }),
  });
}

export function useSetJoinLink(releaseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof setJoinLinkBody>) =>
      unwrap(api.releases[':id']['join-link'].$put({ param: { id: releaseId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortQueryKey(releaseId) }),
  });
}

export function useRotateJoinLink(releaseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.releases[':id']['join-link'].rotate.$post({ param: { id: releaseId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortQueryKey(releaseId) }),
  });
}

/** Saves the person's data archive, answering their request (the problem, when refused, for the page to show). */
export function useExportMvpData() {
  return useMutation({
    mutationFn: (accountId: string) =>
      saveDownload(api.mvps[':id'].export.$get({ param: { id: accountId } }), 'fieldtest-data.zip'),
  });
}

/** Erases the person's MVP account at their request: every release's cohort then shows "A former MVP". */
export function useEraseMvpAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) => unwrap(api.mvps[':id'].erase.$post({ param: { id: accountId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['releases'] }),
  });
}
