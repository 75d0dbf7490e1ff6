import { vi } from 'vitest';
import { jsonResponse } from './fetch';

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/**
 * Like mockFetch, for resources read and written at one URL: a route keyed "POST /path" answers only
 * that method, one keyed "/path" any method; an unknown request answers 404 in the error envelope.
 */
export function mockFetchByMethod(routes: Record<string, () => Response>) {
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
export function callsTo(fetchMock: ReturnType<typeof mockFetchByMethod>, method: string, url: string) {
  return fetchMock.mock.calls.filter(([input, init]) => input === url && (init?.method ?? 'GET') === method);
}
