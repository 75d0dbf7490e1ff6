import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import type { ChainVerification, EventPage, PermitEvent } from '@/lib/api/models';

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
