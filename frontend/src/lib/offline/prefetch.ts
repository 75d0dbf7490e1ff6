/**
 * While there is signal, the permits the user is named on are read ahead, so their pages open without
 * signal at the work site: the service worker keeps every API answer the page reads (24 h).
 */
import { apiRequest } from '@/lib/api/client';
import type { Paginated } from '@/lib/api/types';

const PER_LIST = 25;
const MOST_PERMITS = 40;
const PARALLEL = 3;
const PARTS_PAGE = 'page=1&page_size=100';

/** The reads a permit's page makes, exactly as its queries ask them (the kept answers are matched by URL). */
export function permitReads(permitId: number, projectId: number): string[] {
  const permit = `/api/v1/ptw/permits/${String(permitId)}/`;
  return [
    permit,
    `${permit}readiness/`,
    `${permit}signatures/`,
    `${permit}events/?${PARTS_PAGE}`,
    `${permit}events/verify/`,
    `${permit}gas-tests/?${PARTS_PAGE}`,
    `${permit}workers/?${PARTS_PAGE}`,
    `${permit}toolbox-talk/`,
    `${permit}closeout/`,
    `${permit}isolations/`,
    `${permit}extensions/`,
    `${permit}handovers/`,
    `/api/v1/projects/${String(projectId)}/`,
    `/api/v1/ptw/permit-types/?project=${String(projectId)}`,
  ];
}

/** The lists naming the user in a project: their tasks, what they requested, verify or issue. */
export function namedOnLists(userId: number, projectId: number): string[] {
  const base = { project: String(projectId), ordering: '-updated_at', page_size: String(PER_LIST) };
  const filters: [string, string][] = [
    ['mine', 'tasks'],
    ['mine', 'requested'],
    ['verifier', String(userId)],
    ['issuer', String(userId)],
  ];
  return filters.map(
    ([name, value]) => `/api/v1/ptw/permits/?${new URLSearchParams({ ...base, [name]: value }).toString()}`,
  );
}

interface PermitBrief {
  id: number;
  project: number;
}

async function inBatches(urls: string[], signal: AbortSignal): Promise<void> {
  for (let start = 0; start < urls.length && !signal.aborted; start += PARALLEL) {
    await Promise.allSettled(urls.slice(start, start + PARALLEL).map((url) => apiRequest(url, { signal })));
  }
}

/** Reads ahead the permits the user is named on (and what waits for them); failures are left for next time. */
export async function readAheadNamedPermits(
  userId: number,
  projectIds: readonly number[],
  signal: AbortSignal,
): Promise<number> {
  const permits = new Map<number, PermitBrief>();
  for (const projectId of projectIds) {
    for (const url of namedOnLists(userId, projectId)) {
      if (signal.aborted) return 0;
      try {
        const page = await apiRequest<Paginated<PermitBrief>>(url, { signal });
        for (const permit of page.results) permits.set(permit.id, { id: permit.id, project: projectId });
      } catch {
        // No signal or a refused filter: the other lists still count.
      }
    }
  }
  const chosen = [...permits.values()].slice(0, MOST_PERMITS);
  await inBatches(
    [
      '/api/v1/ptw/tasks/?page=1&page_size=25',
      '/api/v1/ptw/tasks/?page=1&page_size=1',
      ...chosen.flatMap((permit) => permitReads(permit.id, permit.project)),
    ],
    signal,
  );
  return chosen.length;
}
