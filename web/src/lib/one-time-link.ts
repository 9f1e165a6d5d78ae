import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { linkTokenSchema } from '#api/lib/account-fields.ts';
import { api, unwrap } from './api-client.ts';

/**
 * The token of a one-time link (`/setup#…`, `/set-password#…`). It travels in the URL fragment,
 * which browsers never send to a server, so only this page and the API call below ever see it.
 */
export function useLinkToken(): { token: string; malformed: boolean } {
  const token = useLocation().hash.replace(/^#/, '');
  return { token, malformed: token !== '' && !linkTokenSchema.safeParse(token).success };
}

/**
 * What a one-time link stands for, asked of the API before anyone fills in the form behind it.
 * Asked once: spending the link would make a refetch report it as used while the page moves on.
 */
export function useLinkQuery<T>(key: string, token: string, inspect: (token: string) => Promise<T>) {
  return useQuery({
    queryKey: [key, token],
    queryFn: () => inspect(token),
    enabled: linkTokenSchema.safeParse(token).success,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** What the link is for and whether it still works. */
export function useLinkInfo(token: string) {
  return useLinkQuery('link', token, (token) => unwrap(api.auth.links.inspect.$post({ json: { token } })));
}
