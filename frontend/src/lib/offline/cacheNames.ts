/**
 * What the service worker and the page agree on: the cache of API answers and the messages the
 * worker posts about them. Free of DOM and worker types, so both programs import it.
 */

/** GET answers of the API kept for reading without signal; they belong to the signed-in user. */
export const API_CACHE = 'ptw-api';

/** How long a kept answer may be shown offline. */
export const API_CACHE_MAX_AGE_S = 24 * 60 * 60;

/** The header the worker adds to a kept answer: when it was stored (ISO 8601). */
export const STORED_AT_HEADER = 'X-PTW-Stored-At';

/** Posted to the pages when an API answer came from the device because the network did not answer. */
export interface ServedFromDevice {
  type: 'ptw-api-from-device';
  /** When the answer shown was received from the server (ISO 8601). */
  asOf: string;
}

/** Posted to the pages when an API answer came from the server. */
export interface ServedFromNetwork {
  type: 'ptw-api-from-network';
}

export type WorkerMessage = ServedFromDevice | ServedFromNetwork;

/** The API reads kept for offline use: everything under /api/v1/ but health, exports and documents. */
export function isKeptApiRead(pathname: string): boolean {
  if (!pathname.startsWith('/api/v1/')) return false;
  return !/^\/api\/v1\/(health\/|auth\/(login|logout)\/)|\/(export|document|qr)\//.test(pathname);
}
