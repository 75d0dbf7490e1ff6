import type { Conflict } from './types';

/**
 * Warn conflicts this permit's issuer has not acknowledged yet (the server says which: the other permit's
 * acknowledgement of the pair does not count for this one): approving, or approving an extension into them,
 * needs the acknowledgement.
 */
export function unacknowledgedWarnings(conflicts: readonly Conflict[]): Conflict[] {
  return conflicts.filter((conflict) => conflict.needs_acknowledgement);
}
