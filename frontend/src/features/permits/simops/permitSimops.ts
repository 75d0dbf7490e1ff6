import type { Conflict } from './types';

/** Warn conflicts nobody has acknowledged yet: approving needs the issuer to acknowledge them. */
export function unacknowledgedWarnings(conflicts: readonly Conflict[]): Conflict[] {
  return conflicts.filter((conflict) => conflict.effect === 'warn' && conflict.acknowledged === null);
}
