/**
 * Whether to offer the caller the writes of a permit's parts. Only the server's data decides: the
 * caller's membership role on the permit's project (a viewer reads only; see lib/session), and for the
 * crew, the toolbox talk and the closeout, which only the permit's requester or issuer keep, the readiness
 * answer that the caller is not permitted to start or complete the work (the same people).
 */
import type { Missing, PermitReadiness } from '@/lib/api/models';

const NOT_PERMITTED = 'not_permitted';
const INVALID_STATUS = 'invalid_status';

function missingOf(readiness: PermitReadiness | undefined, action: string): Missing[] {
  return readiness?.actions[action]?.missing ?? [];
}

/** The server's "you may not do this" for an action, e.g. "Only the requester or the issuer of this permit may do this." */
export function refusal(readiness: PermitReadiness | undefined, action: string): Missing | undefined {
  return missingOf(readiness, action).find((item) => item.code === NOT_PERMITTED);
}

/**
 * What the permit still needs, among the given readiness codes, for the actions its status allows
 * now: e.g. "No LEL reading is recorded." under the gas tests. Each message once.
 */
export function pendingRequirements(readiness: PermitReadiness | undefined, codes: readonly string[]): Missing[] {
  if (readiness === undefined) return [];
  const seen = new Set<string>();
  const pending: Missing[] = [];
  for (const state of Object.values(readiness.actions)) {
    if (state.missing.some((item) => item.code === INVALID_STATUS)) continue;
    for (const item of state.missing)
      if (codes.includes(item.code) && !seen.has(item.message)) {
        seen.add(item.message);
        pending.push(item);
      }
  }
  return pending;
}
