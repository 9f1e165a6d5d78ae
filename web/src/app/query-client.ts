import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isClientError } from '../lib/api-client.ts';
import { sessionEndedBy } from '../lib/session.ts';

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => sessionEndedBy(error, queryClient) }),
    mutationCache: new MutationCache({ onError: (error) => sessionEndedBy(error, queryClient) }),
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network trouble and 5xx may.
        retry: (count, error) => !isClientError(error) && count < 2,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
