import { type Query, type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { SessionUserView, User } from '#api/auth/auth.schemas.ts';
import { ApiError, api, unwrap } from './api-client.ts';

// The session is shared by every feature (the header, the guards, each page that depends on the
// role), so it lives here rather than in one feature that all the others would have to import.

export const sessionQueryKey = ['session'] as const;

export const roleNames: Record<User['role'], string> = {
  admin: 'Admin',
  engineer: 'Engineer',
  internal_tester: 'Internal tester',
  mvp: 'MVP',
};

/** The signed-in user, or null; the portal's first request on every load. */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: () => unwrap(api.auth.session.$get()) });
}

/** The user of a page behind the session guard, which renders nothing until the user is known. */
export function useSignedInUser(): SessionUserView {
  const user = useSession().data?.user;
  if (!user) throw new Error('useSignedInUser used outside the session guard');
  return user;
}

/** Whether the user manages the program (its releases, cohorts, settings, members): an admin or its lead. */
export function useCanManageProgram(programId: string | undefined): boolean {
  const user = useSignedInUser();
  return user.role === 'admin' || (programId !== undefined && user.leads.includes(programId));
}

/** After sign-in, setup or a new password: the answer is the user, so no need to ask again. */
export function useStartSession(): (user: User) => void {
  const queryClient = useQueryClient();
  return (user) => {
    // Queries of the page being left stay until it unmounts: removing them now would make it refetch,
    // and a spent link would answer 410. Everything else may belong to whoever was signed in before.
    queryClient.removeQueries({ type: 'inactive', predicate: isNotSession });
    void queryClient.invalidateQueries({ predicate: isNotSession, refetchType: 'none' });
    // Sign-in answers who the person is; the programs they lead come with the session, asked again.
    queryClient.setQueryData(sessionQueryKey, { user: { ...user, leads: [] } });
    void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  };
}

export type SignInState = { signedOut?: boolean; notice?: string } | null;

/** After signing out: go to sign-in (with an optional notice), then forget what the old session could see. */
export function useEndSession(): (notice?: string) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (notice) => {
    // Leave the page first, committed at once: were the session cleared while a guarded page is still
    // shown, its guard would send the person to sign-in on its own, with `next` pointing back to it.
    const state: SignInState = { signedOut: true, ...(notice ? { notice } : {}) };
    await navigate('/sign-in', { replace: true, state, flushSync: true });
    forgetOtherQueries(queryClient);
    queryClient.setQueryData(sessionQueryKey, { user: null });
  };
}

/**
 * A 401 from a call that needed a session means it ended elsewhere (signed out everywhere, expired,
 * role changed); the guard then sends the person to sign-in. A wrong password is another code.
 */
export function sessionEndedBy(error: unknown, queryClient: QueryClient): void {
  if (error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated') {
    forgetOtherQueries(queryClient);
    queryClient.setQueryData(sessionQueryKey, { user: null });
  }
}

// Data fetched for one person must not be shown to the next one on the same screen.
function forgetOtherQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: isNotSession });
}

function isNotSession(query: Query): boolean {
  return query.queryKey[0] !== sessionQueryKey[0];
}
