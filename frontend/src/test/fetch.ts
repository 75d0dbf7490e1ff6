import { vi } from 'vitest';
import type { Liveness } from '@/features/ops/api/health';

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/**
 * Replaces fetch with canned answers: a route keyed "POST /path" answers only that method, one keyed
 * "/path" any method; an unknown request answers 404 in the error envelope.
 */
export function mockFetch(routes: Record<string, () => Response>) {
  const fetchMock = vi.fn<typeof fetch>((input, init) => {
    const url = requestUrl(input);
    const route = routes[`${init?.method ?? 'GET'} ${url}`] ?? routes[url];
    if (route !== undefined) return Promise.resolve(route());
    return Promise.resolve(jsonResponse({ error: { code: 'not_found', message: `No mock for ${url}` } }, 404));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The calls a mocked fetch received for one method and URL. */
export function callsTo(fetchMock: ReturnType<typeof mockFetch>, method: string, url: string) {
  return fetchMock.mock.calls.filter(([input, init]) => input === url && (init?.method ?? 'GET') === method);
}

/** The headers a mocked fetch call was sent with. */
export function sentHeaders(init: RequestInit | undefined): Headers {
  return new Headers(init?.headers);
}

export function sentBody(init: RequestInit | undefined): unknown {
  return typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
}

/** A paginated answer holding all of `results`. */
export function pageOf<Item>(results: Item[]) {
  return { count: results.length, count_exact: true, next: null, previous: null, results };
}

export function livenessBody(sourceHash: string | null): Liveness {
  return {
    status: 'ok',
    version: '0.1.0',
    ui_build: { source_hash: sourceHash, built_at: sourceHash === null ? null : '2026-11-25T18:40:00Z' },
  };
}

/** The calls a mocked fetch received that were not reads: what a form sent, beside the lists it looked up. */
export function writesOf(fetchMock: ReturnType<typeof mockFetch>) {
  return fetchMock.mock.calls.filter(([, init]) => (init?.method ?? 'GET') !== 'GET');
}
