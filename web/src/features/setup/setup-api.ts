import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';

/** Whether Fieldtest has its first admin yet: the setup page and the sign-in page both ask. */
export const setupStatusQuery = queryOptions({
  queryKey: ['setup-status'],
  queryFn: () => unwrap(api.setup.status.$get()),
});
