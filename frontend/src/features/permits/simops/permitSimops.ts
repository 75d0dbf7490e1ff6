import type { Permit } from '@/lib/api/models';
import type { Conflict } from './types';

/** The permit's location node and dependencies, as it carries them. */
export function simopsOf(permit: Permit): Pick<Permit, 'location_node' | 'depends_on' | 'dependents'> {
  return permit;
}

/** Warn conflicts nobody has acknowledged yet: approving needs the issuer to acknowledge them. */
export function unacknowledgedWarnings(conflicts: readonly Conflict[]): Conflict[] {
  return conflicts.filter((conflict) => conflict.effect === 'warn' && conflict.acknowledged === null);
}
