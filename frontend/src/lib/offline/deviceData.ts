/**
 * The API answers the device keeps belong to the user who read them: forgotten when they log out or
 * another user signs in on the same device.
 */
import { API_CACHE } from './cacheNames';

const OWNER_KEY = 'ptw-offline-owner';

/** Empties the kept API answers (the app shell stays). */
export async function forgetKeptAnswers(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE);
}

/** Called when the signed-in user is known: another user's kept answers are forgotten first. */
export async function claimDeviceData(userId: number): Promise<void> {
  const owner = localStorage.getItem(OWNER_KEY);
  if (owner !== String(userId)) {
    await forgetKeptAnswers();
    localStorage.setItem(OWNER_KEY, String(userId));
  }
}

/** At log-out: nothing the user read stays on the device. */
export async function releaseDeviceData(): Promise<void> {
  localStorage.removeItem(OWNER_KEY);
  await forgetKeptAnswers();
}
