import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';

export const sessionQueryKey = ['session'] as const;

/** The signed-in user, or null; the portal's first request on every load. */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: () => unwrap(api.auth.session.$get()) });
}

export const roleNames = {
  admin: 'Program lead',
  engineer: 'Engineer',
  internal_tester: 'Internal tester',
  mvp: 'MVP',
} as const;
