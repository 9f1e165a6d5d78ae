import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../../lib/api-client.ts';
import { PageLoading } from '../../lib/page-state.tsx';
import { useSession } from '../../lib/session.ts';
import { usePendingTerms } from './terms-api.ts';

/**
 * An MVP whose programs have terms they have not accepted (new ones, or a new version) sees the terms
 * page before anything else; staff pass straight through.
 */
export function RequireTermsAccepted(props: { children: ReactNode }) {
  const user = useSession().data?.user;
  const location = useLocation();
  const isMvp = user?.role === 'mvp';
  const pending = usePendingTerms({ enabled: isMvp });
  if (!isMvp) return props.children;
  if (pending.isPending) {
    return <PageLoading />;
  }
  if (pending.error) {
    return (
      <main>
        <p className="alert" role="alert">
          {errorMessage(pending.error)}
        </p>
        <button type="button" onClick={() => pending.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (pending.data.items.length > 0) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/terms' : `/terms?next=${encodeURIComponent(next)}`} replace />;
  }
  return props.children;
}
