import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import { ifMatch } from '@/lib/api/ifMatch';
import { useRefreshPermitParts } from './refresh';
import type { Closeout, CloseoutBody } from '@/lib/api/models';

function closeoutPath(permitId: number): string {
  return `${permitPath(permitId)}closeout/`;
}

/** The permit's closeout (hand-back): the type's checklist with answers, remarks, work finished. */
export function useCloseout(permitId: number) {
  return useQuery({
    queryKey: permitKeys.closeout(permitId),
    queryFn: ({ signal }) => apiRequest<Closeout>(closeoutPath(permitId), { signal }),
  });
}

export interface SaveCloseoutInput {
  /** The version the user edited; a stale one answers 409 version_conflict with the current closeout. */
  version: number;
  /** Only what changed: answers merge item by item on the server. */
  body: CloseoutBody;
}

export function saveCloseout(permitId: number, { version, body }: SaveCloseoutInput): Promise<Closeout> {
  return apiRequest<Closeout>(closeoutPath(permitId), { method: 'PUT', body, headers: ifMatch(version) });
}

export function useSaveCloseout(permitId: number) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: (input: SaveCloseoutInput) => saveCloseout(permitId, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(permitKeys.closeout(permitId), saved);
    },
    onSettled: refresh,
  });
}
