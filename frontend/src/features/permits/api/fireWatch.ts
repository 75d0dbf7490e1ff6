import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { ifMatch } from '@/lib/api/ifMatch';
import type { FireWatch, FireWatchBody } from '@/lib/api/models';
import { permitPath } from './permits';
import { useRefreshPermitParts } from './refresh';

function fireWatchPath(permitId: number): string {
  return `${permitPath(permitId)}fire-watch/`;
}

/** The fire watch after hot work: its recorded end, keeper, when it may end and its sign-off. */
export function useFireWatch(permitId: number) {
  return useQuery({
    queryKey: permitKeys.fireWatch(permitId),
    queryFn: ({ signal }) => apiRequest<FireWatch>(fireWatchPath(permitId), { signal }),
    // While the watch runs, ask again now and then: once its time is up, the keeper may sign it off.
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.ends_at != null && data.signed_off_at === null && !data.can_sign_off ? 15_000 : false;
    },
  });
}

export interface SaveFireWatchInput {
  version: number;
  body: FireWatchBody;
}

/** Records (or corrects) when the hot work ended and who keeps the fire watch. */
export function useSaveFireWatch(permitId: number) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ version, body }: SaveFireWatchInput) =>
      apiRequest<FireWatch>(fireWatchPath(permitId), { method: 'PUT', body, headers: ifMatch(version) }),
    onSuccess: (saved) => {
      queryClient.setQueryData(permitKeys.fireWatch(permitId), saved);
    },
    onSettled: refresh,
  });
}

/** The keeper signs the fire watch off once its time has run. */
export function useSignOffFireWatch(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ remarks, idempotencyKey }: { remarks: string; idempotencyKey: string }) =>
      apiRequest<FireWatch>(`${fireWatchPath(permitId)}sign-off/`, {
        method: 'POST',
        body: { remarks },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}
