import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './api-client.ts';

// A program as the caller may read it (staff: its settings; an MVP: what taking part needs), the
// one definition every feature reads it through, so the cache holds it once under one key.

export function programQueryKey(id: string) {
  return ['programs', id] as const;
}

export function programQuery(id: string) {
  return queryOptions({
    queryKey: programQueryKey(id),
    queryFn: () => unwrap(api.programs[':id'].$get({ param: { id } })),
  });
}

export const programsQueryKey = ['programs'] as const;

/** The programs the caller works on (an admin: all). */
export function programsQuery() {
  return queryOptions({ queryKey: programsQueryKey, queryFn: () => unwrap(api.programs.$get()) });
}
