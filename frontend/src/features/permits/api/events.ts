import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import type { ChainVerification, CommentBody, EventPage, PermitEvent } from '@/lib/api/models';

const PAGE_SIZE = 100;

/** The whole timeline of a permit, oldest first, following the server's pages. */
export async function fetchPermitEvents(id: number, signal?: AbortSignal): Promise<PermitEvent[]> {
  const events: PermitEvent[] = [];
  for (let page = 1; ; page += 1) {
    const body = await apiRequest<EventPage>(
      `${permitPath(id)}events/?page=${String(page)}&page_size=${String(PAGE_SIZE)}`,
      { signal },
    );
    events.push(...body.results);
    if (!body.next) return events;
  }
}

export function usePermitEvents(id: number) {
  return useQuery({
    queryKey: permitKeys.events(id),
    queryFn: ({ signal }) => fetchPermitEvents(id, signal),
  });
}

/** Whether the permit's hash-chained timeline is intact, verified by the server at the time of asking. */
export function usePermitChain(id: number) {
  return useQuery({
    queryKey: permitKeys.chain(id),
    queryFn: ({ signal }) => apiRequest<ChainVerification>(`${permitPath(id)}events/verify/`, { signal }),
  });
}

export interface AddCommentInput {
  body: CommentBody;
  idempotencyKey: string;
}

/** Adds a comment to the permit's timeline. */
export function useAddComment(permitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: AddCommentInput) =>
      apiRequest<PermitEvent>(`${permitPath(permitId)}comments/`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: permitKeys.events(permitId) }),
  });
}
