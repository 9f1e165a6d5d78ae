import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../lib/api-client.ts';
import { sessionQueryKey } from './use-session.ts';

export function SignOutButton() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    await unwrap(api.auth['sign-out'].$post()).catch(() => undefined);
    queryClient.clear();
    queryClient.setQueryData(sessionQueryKey, { user: null });
    navigate('/sign-in', { replace: true });
  };
  return (
    <button type="button" className="link-button" onClick={signOut}>
      Sign out
    </button>
  );
}
