/** The app's service worker (src/sw/serviceWorker.ts): registered once, and asked for a new build on reload. */

const WORKER_URL = '/serviceWorker.js';
const TAKE_OVER_TIMEOUT_MS = 10_000;

function supported(): boolean {
  return import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

/** Registers the worker for the whole site; a built UI only (the dev server has no worker). */
export function registerServiceWorker(): void {
  if (!supported()) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(WORKER_URL, { scope: '/' }).catch((error: unknown) => {
      console.warn('PTW could not install its service worker; the app works online only.', error);
    });
  });
}

/**
 * Reloads the page onto the build the server serves now: the worker of a new build is fetched and
 * takes over first (it skips waiting), so the reload is served by it.
 */
export async function reloadOntoNewBuild(): Promise<void> {
  if (supported()) {
    try {
      const registration = await navigator.serviceWorker.getRegistration();
      if (registration !== undefined) {
        await registration.update();
        if (registration.installing !== null || registration.waiting !== null) {
          await new Promise<void>((resolve) => {
            navigator.serviceWorker.addEventListener('controllerchange', () => { resolve(); }, { once: true });
            setTimeout(resolve, TAKE_OVER_TIMEOUT_MS);
          });
        }
      }
    } catch {
      // No signal or no worker: the plain reload below still asks the server first for the page.
    }
  }
  window.location.reload();
}
