import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import type { Permit, PermitCreateBody, PermitUpdateBody } from '@/lib/api/models';

export function permitPath(id: number): string {
  return `/api/v1/ptw/permits/${String(id)}/`;
}

/** One permit with the caller's `allowed_actions`. */
export function usePermit(id: number) {
  return useQuery({
    queryKey: permitKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Permit>(permitPath(id), { signal }),
  });
}

/** After any write: store the permit as the server returned it and refetch everything derived from it. */
export function refreshPermit(queryClient: QueryClient, permit: Permit): Promise<void> {
  queryClient.setQueryData(permitKeys.detail(permit.id), permit);
  return queryClient.invalidateQueries({ queryKey: permitKeys.all });
}

export interface CreatePermitInput {
  body: PermitCreateBody;
  idempotencyKey: string;
}

export function useCreatePermit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreatePermitInput) =>
      apiRequest<Permit>('/api/v1/ptw/permits/', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (permit) => refreshPermit(queryClient, permit),
  });
}

export interface UpdatePermitInput {
  id: number;
  /** The version the user edited; a stale one answers 409 version_conflict with the current permit. */
  version: number;
  body: PermitUpdateBody;
}

export function updatePermit({ id, version, body }: UpdatePermitInput): Promise<Permit> {
  return apiRequest<Permit>(permitPath(id), {
    method: 'PATCH',
    body,
    headers: { 'If-Match': `"${String(version)}"` },
  });
}

export function useUpdatePermit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePermit,
    onSuccess: (permit) => refreshPermit(queryClient, permit),
  });
}
