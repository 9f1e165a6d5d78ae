import { useMutation } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../lib/api-client.ts';
import { useEndSession } from '../../lib/session.ts';

export function SignOutButton() {
  const endSession = useEndSession();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.auth['sign-out'].$post()),
    onSuccess: () => endSession(),
    // A 401 means the session had ended already: the outcome the person asked for.
    onError: (error) => (error instanceof ApiError && error.status === 401 ? endSession() : undefined),
  });
  return (
    <>
      {signOut.isError ? (
        <span className="field-error" role="alert">
          Sign-out failed; try again.
        </span>
      ) : null}
      <button type="button" className="quiet" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
    </>
  );
}
