import { vi } from 'vitest';
import type { Liveness } from '@/features/ops/api/health';

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** Replaces fetch with canned answers by URL; an unknown URL answers 404 in the error envelope. */
export function mockFetch(routes: Record<string, () => Response>) {
  const fetchMock = vi.fn<typeof fetch>((input) => {
    const url = requestUrl(input);
    const route = routes[url];
    if (route !== undefined) return Promise.resolve(route());
    return Promise.resolve(jsonResponse({ error: { code: 'not_found', message: `No mock for ${url}` } }, 404));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function livenessBody(sourceHash: string | null): Liveness {
  return {
    status: 'ok',
    version: '0.1.0',
    ui_build: { source_hash: sourceHash, built_at: sourceHash === null ? null : '2026-11-25T18:40:00Z' },
  };
}
