/// <reference lib="webworker" />
/**
 * PTW's service worker (built by vite-plugin-pwa, injectManifest): the app shell from the precache,
 * pages network-first with the shell as fallback, and the API's reads network-first with a short
 * timeout, kept 24 h for reading without signal (docs/field-use.md).
 */
import { clientsClaim } from 'workbox-core';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types';
import {
  API_CACHE,
  API_CACHE_MAX_AGE_S,
  isKeptApiRead,
  STORED_AT_HEADER,
  type WorkerMessage,
} from '../lib/offline/cacheNames';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

const NETWORK_TIMEOUT_S = 4;

// A new build takes over at once; the page's new-version banner reloads onto it.
void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

async function tell(clientId: string, message: WorkerMessage): Promise<void> {
  const client = clientId === '' ? null : await self.clients.get(clientId);
  if (client !== null && client !== undefined) {
    client.postMessage(message);
    return;
  }
  for (const window of await self.clients.matchAll({ type: 'window' })) window.postMessage(message);
}

/** Stamps each kept answer with the time it was stored, and tells the page where an answer came from. */
const provenance: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => {
    if (response.status !== 200) return null;
    const headers = new Headers(response.headers);
    headers.set(STORED_AT_HEADER, new Date().toISOString());
    const body = await response.blob();
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  },
  cachedResponseWillBeUsed: async ({ cachedResponse, event }) => {
    if (cachedResponse !== undefined) {
      const stored = cachedResponse.headers.get(STORED_AT_HEADER) ?? cachedResponse.headers.get('Date');
      const asOf = stored === null ? new Date().toISOString() : new Date(stored).toISOString();
      const clientId = event instanceof FetchEvent ? event.clientId : '';
      await tell(clientId, { type: 'ptw-api-from-device', asOf });
    }
    return cachedResponse ?? null;
  },
  fetchDidSucceed: async ({ response, event }) => {
    if (response.status < 500) {
      const clientId = event instanceof FetchEvent ? event.clientId : '';
      await tell(clientId, { type: 'ptw-api-from-network' });
    }
    return response;
  },
};

registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && isKeptApiRead(url.pathname),
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: NETWORK_TIMEOUT_S,
    // Django varies on Cookie; the cache is the signed-in user's own and is emptied when they log out.
    matchOptions: { ignoreVary: true },
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      provenance,
      new ExpirationPlugin({ maxAgeSeconds: API_CACHE_MAX_AGE_S, maxEntries: 2000 }),
    ],
  }),
);

/** Pages: the server's index.html when it answers (a new build shows at once), else the precached shell. */
const pages = new NetworkOnly({ networkTimeoutSeconds: NETWORK_TIMEOUT_S });
registerRoute(
  ({ request, url, sameOrigin }) =>
    sameOrigin && request.mode === 'navigate' && !/^\/(api|static)\//.test(url.pathname),
  async (options) => {
    try {
      return await pages.handle(options);
    } catch {
      const shell = await matchPrecache('/index.html');
      return shell ?? Response.error();
    }
  },
);
