import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isolationRegisterKeys, permitKeys, tasksQueryKey } from '@/lib/api/keys';

/**
 * After any write to a permit's parts, whether it worked or not: the permit (an unsafe gas reading
 * suspends it), its readiness, timeline, signatures, every part, the lists, the isolation register
 * and the task inbox are fetched again, so the action bar and readiness show the server's new answer.
 */
export function refreshPermitParts(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: permitKeys.all }),
    queryClient.invalidateQueries({ queryKey: isolationRegisterKeys.all }),
    queryClient.invalidateQueries({ queryKey: tasksQueryKey }),
  ]);
}

export function useRefreshPermitParts() {
  const queryClient = useQueryClient();
  return useCallback(() => refreshPermitParts(queryClient), [queryClient]);
}
