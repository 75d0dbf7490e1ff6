/**
 * How old the data on screen is: the service worker tells the page whether each API answer came from
 * the server or, without signal, from what the device kept (with the time it was received).
 */
import { useSyncExternalStore } from 'react';
import type { WorkerMessage } from './cacheNames';

interface Freshness {
  /** When the oldest answer shown from the device was received from the server; null while the server answers. */
  fromDeviceAsOf: string | null;
  /** When the server last answered (ISO 8601). */
  lastAnswerAt: string;
}

let state: Freshness = { fromDeviceAsOf: null, lastAnswerAt: new Date().toISOString() };
const listeners = new Set<() => void>();

function isWorkerMessage(data: unknown): data is WorkerMessage {
  return typeof data === 'object' && data !== null && 'type' in data && String(data.type).startsWith('ptw-api-from-');
}

/** Takes in one message of the service worker (exported for tests). */
export function noteWorkerMessage(message: unknown): void {
  if (!isWorkerMessage(message)) return;
  if (message.type === 'ptw-api-from-network') {
    state = { fromDeviceAsOf: null, lastAnswerAt: new Date().toISOString() };
  } else {
    const earliest =
      state.fromDeviceAsOf !== null && Date.parse(state.fromDeviceAsOf) < Date.parse(message.asOf)
        ? state.fromDeviceAsOf
        : message.asOf;
    state = { ...state, fromDeviceAsOf: earliest };
  }
  for (const listener of listeners) listener();
}

let listening = false;

function subscribe(onChange: () => void): () => void {
  if (!listening && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    listening = true;
    navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
      noteWorkerMessage(event.data);
    });
  }
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
  };
}

/** The freshness of the data on screen. */
export function useFreshness(): Freshness {
  return useSyncExternalStore(subscribe, () => state, () => state);
}
