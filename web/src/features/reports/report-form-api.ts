import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { fileReportBody, meTooBody } from '#api/reports/reports.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { type StoredDraft, storedDraftSchema } from './report-draft.ts';

// Everything the reporter's list shows lives under this key (the My reports page reads it too).
const myReportsKey = ['me', 'reports'] as const;

export function useFileReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof fileReportBody>) => unwrap(api.reports.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myReportsKey }),
  });
}

/** Suggestions start from a title of 4 characters: shorter ones match too much to help. */
export function isSearchable(releaseId: string, title: string): boolean {
  return releaseId !== '' && title.trim().length >= 4;
}

/** Reports of the release that read like what is being typed; the caller debounces the text. */
export function useSimilarReports(releaseId: string, title: string, steps: string) {
  return useQuery({
    queryKey: ['releases', releaseId, 'similar-reports', { title, steps }],
    queryFn: () =>
      unwrap(api.releases[':id']['similar-reports'].$post({ param: { id: releaseId }, json: { title, steps } })),
    enabled: isSearchable(releaseId, title),
    // While the next answer is on its way, the last one stays rather than the list blinking away.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === releaseId ? keepPreviousData(previous) : undefined,
    staleTime: 10_000,
  });
}

export function useMeToo(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: z.output<typeof meTooBody>) =>
      unwrap(api.reports[':id']['me-too'].$post({ param: { id: reportId }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myReportsKey }),
  });
}

// Draft writes go to the server one after another, across visits of the form: a slow save cannot
// land after a newer one or after the draft was deleted, and reading waits for what is on its way.
let draftWrites: Promise<unknown> = Promise.resolve();

function queueDraftWrite<T>(write: () => Promise<T>): Promise<T> {
  const done = draftWrites.then(write);
  draftWrites = done.catch(() => {});
  return done;
}

/** The server's copy of the draft, read once when the form opens; null if none or unreadable. */
export function useServerDraft() {
  return useQuery({
    queryKey: ['me', 'report-draft'],
    queryFn: async (): Promise<StoredDraft | null> => {
      await draftWrites;
      const { draft } = await unwrap(api.me['report-draft'].$get());
      const parsed = storedDraftSchema.safeParse(draft?.data);
      return parsed.success ? parsed.data : null;
    },
    // The form keeps its own state once open: the draft is read afresh on each visit, never refetched during one.
    staleTime: 0,
    gcTime: 0,
    refetchOnReconnect: false,
  });
}

export function saveServerDraft(draft: StoredDraft) {
  return queueDraftWrite(() =>
    unwrap(api.me['report-draft'].$put({ json: { releaseId: draft.values.releaseId || null, data: draft } })),
  );
}

/** For a page being closed, which cannot wait for the queue: `keepalive` lets the request outlive the page. */
export function saveServerDraftOnLeave(draft: StoredDraft) {
  return unwrap(
    api.me['report-draft'].$put(
      { json: { releaseId: draft.values.releaseId || null, data: draft } },
      { init: { keepalive: true } },
    ),
  );
}

export function deleteServerDraft() {
  return queueDraftWrite(() => unwrap(api.me['report-draft'].$delete()));
}

/** One file, as multipart/form-data; the server reads its type from the content and answers its id. */
