import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { User } from '#api/auth/auth.schemas.ts';
import { errorMessage } from '../lib/api-client.ts';
import { PageLoading } from '../lib/page-state.tsx';
import { roleNames, useSession } from '../lib/session.ts';

/** Sends visitors without a session to sign-in (and back afterwards); shows a refusal for the wrong role. */
export function RequireSession(props: { roles?: readonly User['role'][]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return <PageLoading />;
  }
  if (session.error) {
    return (
      <main>
        <p className="alert" role="alert">
          {errorMessage(session.error)}
        </p>
        <button type="button" onClick={() => session.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  const user = session.data.user;
  if (!user) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (props.roles && !props.roles.includes(user.role)) {
    return (
      <main>
        <h1>Not allowed</h1>
        <p className="alert" role="alert">
          This page needs the role {props.roles.map((role) => roleNames[role]).join(' or ')}; yours is{' '}
          {roleNames[user.role]}.
        </p>
        <p>
          <Link to="/">Back to the start page</Link>
        </p>
      </main>
    );
  }
  return props.children;
}
