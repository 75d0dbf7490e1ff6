import { useCallback, useRef } from 'react';
import { ApiError } from './client';

/** A fresh random key for one user intent (RFC 4122 v4). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether the server gave its answer to a request (an error of the request itself), rather than failing to. */
export function serverAnswered(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/**
 * The one Idempotency-Key hook of every write: `keyFor(request)` returns the same key while the same
 * request is retried (a double click, or a retry after the network or the server failed), and a new
 * one for another request. `settle(error)` ends the intent once the server has answered, so a
 * corrected request is never refused as a reused key; `renew()` ends it when the user starts anew
 * (e.g. opens the action's dialog again).
 */
export function useWriteIntent() {
  const intent = useRef<{ request: string; key: string } | null>(null);
  const keyFor = useCallback((request: unknown) => {
    const fingerprint = JSON.stringify(request);
    if (intent.current?.request !== fingerprint) intent.current = { request: fingerprint, key: newIdempotencyKey() };
    return intent.current.key;
  }, []);
  const renew = useCallback(() => {
    intent.current = null;
  }, []);
  const settle = useCallback(
    (error: unknown) => {
      if (error === null || serverAnswered(error)) renew();
    },
    [renew],
  );
  return { keyFor, settle, renew };
}
