import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';

/** The releases an MVP takes part in: their start page lists them, the report form files against them. */
export const myReleasesQuery = queryOptions({
  queryKey: ['me', 'releases'],
  queryFn: () => unwrap(api.me.releases.$get()),
});
