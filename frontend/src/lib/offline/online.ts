import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether the device has a network: the one signal every screen uses to offer or hold back what needs the server. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}

/** Whether a write should be kept on the device instead of sent: no network, or the server could not be reached. */
export function isOffline(error?: unknown): boolean {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return true;
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 0;
}

/** The words of an act that needs the server while the device is offline. */
export const NEEDS_CONNECTION = 'Needs connection';
