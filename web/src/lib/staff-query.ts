import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './api-client.ts';

// The staff list, the one definition the Staff page and the audit trail's filters read it through.

export const staffQueryKey = ['staff'] as const;

export function staffQuery() {
  return queryOptions({ queryKey: staffQueryKey, queryFn: () => unwrap(api.staff.$get()) });
}
