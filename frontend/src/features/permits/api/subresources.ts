import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { ApiError, apiRequest } from '../../../lib/api/client';
import type { Paginated } from '../../../lib/api/types';
import { tasksQueryKey } from '../../tasks/api';
import { newIdempotencyKey } from './idempotency';
import { isolationRegisterKeys, permitKeys } from './keys';

const PAGE_SIZE = 100;

/** Every item of a paginated list of a permit's parts (gas tests, workers), following the server's pages. */
export async function fetchAllPages<Item>(path: string, signal?: AbortSignal): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; ; page += 1) {
    const body = await apiRequest<Paginated<Item>>(`${path}?page=${String(page)}&page_size=${String(PAGE_SIZE)}`, {
      signal,
    });
    items.push(...body.results);
    if (!body.next) return items;
  }
}

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

/** Whether the server gave its answer to a request (an error of the request itself), rather than failing to. */
export function serverAnswered(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/**
 * Idempotency-Keys of a form's or a button's writes: `keyFor(request)` returns the same key while
 * the same request is retried after the network or the server failed, and a new one for another
 * request or once the server has answered (`settle`), so a corrected request is never refused as a
 * reused key and a double click never writes twice.
 */
export function useWriteIntent() {
  const intent = useRef<{ request: string; key: string } | null>(null);
  const keyFor = useCallback((request: unknown) => {
    const fingerprint = JSON.stringify(request);
    if (intent.current?.request !== fingerprint) intent.current = { request: fingerprint, key: newIdempotencyKey() };
    return intent.current.key;
  }, []);
  const settle = useCallback((error: unknown) => {
    if (error === null || serverAnswered(error)) intent.current = null;
  }, []);
  return { keyFor, settle };
}

/** The `If-Match` header of a write to a resource at `version`. */
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${String(version)}"` };
}
