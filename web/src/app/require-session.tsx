import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { User } from '../../../api/auth/auth.schemas.ts';
import { useSession } from '../features/auth/use-session.ts';

/** Sends visitors without a session to sign-in (and back afterwards); shows a refusal for the wrong role. */
export function RequireSession(props: { roles?: readonly User['role'][]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <p className="loading">Loading…</p>;
  if (session.error) {
    return (
      <main>
        <p className="alert" role="alert">
          The server did not answer: {session.error.message}
        </p>
      </main>
    );
  }
  const user = session.data.user;
  if (!user)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (props.roles && !props.roles.includes(user.role)) {
    return (
      <main>
        <h1>Not allowed</h1>
        <p>This page is for {props.roles.join(', ')} accounts.</p>
      </main>
    );
  }
  return props.children;
}
