import { MutationCache, QueryClient, type QueryClientConfig } from '@tanstack/react-query';
import { ApiError } from '@/lib/api/client';
import { authMutationKey, notificationKeys, tasksQueryKey } from '@/lib/api/keys';

const MAX_RETRIES = 3;

/** Network failures and server errors may pass; an answer about the request itself (4xx) will not change. */
function retry(failureCount: number, error: Error): boolean {
  const clientError = error instanceof ApiError && error.status >= 400 && error.status < 500;
  return !clientError && failureCount < MAX_RETRIES;
}

function isSessionMutation(mutationKey: readonly unknown[] | undefined): boolean {
  return mutationKey?.[0] === authMutationKey[0];
}

/**
 * The app's query client: after any change of data, what waits for the user and their unread count are
 * asked again (an act may have withdrawn a task's notification).
 */
export function createQueryClient(config: QueryClientConfig = {}): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    ...config,
    defaultOptions: { ...config.defaultOptions, queries: { retry, ...config.defaultOptions?.queries } },
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        if (isSessionMutation(mutation.options.mutationKey)) return;
        void queryClient.invalidateQueries({ queryKey: tasksQueryKey });
        void queryClient.invalidateQueries({ queryKey: notificationKeys.unread });
      },
    }),
  });
  return queryClient;
}
